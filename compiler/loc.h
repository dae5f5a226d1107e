/* A source range, in the shape bison expects of a location type. Lines and
 * columns are 1-based; columns are display columns (tab stops of 8, one
 * column per UTF-8 character), as GCC reports them. `offset` is the byte
 * offset of the first character, used to find the source line quickly. */
#ifndef DODOC_LOC_H
#define DODOC_LOC_H

typedef struct Loc {
  int first_line, first_column;
  int last_line, last_column; /* last_column is exclusive */
  int offset;
} Loc;

#endif
