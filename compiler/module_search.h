/* Where the compiler finds the modules a source names (language.md §12): a
 * `.dodo` file of the command line, else NAME.dodo in the -I directories,
 * then in the directory of the source that names it. The driver fills it
 * in; the compiler library reads the files it finds. */
#ifndef DODOC_MODULE_SEARCH_H
#define DODOC_MODULE_SEARCH_H

typedef struct ModuleSearch {
  const char *const *files; /* the .dodo inputs, by path */
  int nfiles;
  const char *const *dirs;  /* -I DIR, in order */
  int ndirs;
  /* Called with the path of each file read for its header: the
   * dependencies -MD writes. May be NULL. */
  void (*on_read)(void *ctx, const char *path);
  void *on_read_ctx;
} ModuleSearch;

#endif
