# Installation rules (cmake --install): see docs/cli.md.
#
#   cmake --install build --prefix P   installs
#     P/bin/dodoc
#     P/lib/dodoc/libdodort.a                the runtime every program links
#     P/share/man/man1/dodoc.1               docs/dodoc.1.in, with the version
#     VIMFILES/{syntax,ftdetect}/dodo.vim        where Vim reads them (below)
#
# The installed dodoc finds its runtime at <its directory>/../lib/dodoc/
# (find_runtime() in compiler/driver.c), so these two destinations are fixed
# rather than taken from GNUInstallDirs: on Debian CMAKE_INSTALL_LIBDIR can be
# lib/x86_64-linux-gnu, which the driver would not look in.

install(TARGETS dodoc RUNTIME DESTINATION bin)
install(TARGETS dodort ARCHIVE DESTINATION lib/dodoc)

# ---- Man page: written by hand (docs/dodoc.1.in), the version filled in ----
set(DODOC_MANPAGE ${CMAKE_CURRENT_BINARY_DIR}/dodoc.1)
configure_file(${PROJECT_SOURCE_DIR}/docs/dodoc.1.in ${DODOC_MANPAGE} @ONLY)
install(FILES ${DODOC_MANPAGE} DESTINATION share/man/man1)

# ---- Vim support -------------------------------------------------------------
# Vim reads syntax/ and ftdetect/ from the directories of its 'runtimepath'
# only, and PREFIX/share/vim/vimfiles is one of them only when PREFIX is
# Vim's own prefix. So the directory is chosen when installing, from the
# prefix given then (cmake --install --prefix):
#   /usr, /usr/local   /usr/share/vim/vimfiles  ($VIM/vimfiles of Debian's vim)
#   under $HOME        $HOME/.vim                (every Vim reads it)
#   anything else      PREFIX/share/vim/vimfiles (a staging or package root)
# DODOC_VIMFILES_DIR overrides the choice (relative: to the prefix).
# DESTDIR applies as usual (file(INSTALL) adds it).
set(DODOC_VIMFILES_DIR "" CACHE STRING
    "Where the Vim files are installed (empty: chosen at install time, see cmake/Install.cmake)")
install(CODE "
  set(_dodoc_vim \"${DODOC_VIMFILES_DIR}\")
  set(_dodoc_prefix \"\${CMAKE_INSTALL_PREFIX}\")
  if(_dodoc_vim AND NOT IS_ABSOLUTE \"\${_dodoc_vim}\")
    set(_dodoc_vim \"\${_dodoc_prefix}/\${_dodoc_vim}\")
  elseif(NOT _dodoc_vim)
    if(_dodoc_prefix MATCHES \"^/usr/?$|^/usr/local/?$\")
      set(_dodoc_vim /usr/share/vim/vimfiles)
    elseif(DEFINED ENV{HOME} AND NOT \"\$ENV{HOME}\" STREQUAL \"\" AND NOT \"\$ENV{HOME}\" STREQUAL \"/\"
           AND _dodoc_prefix MATCHES \"^\$ENV{HOME}/\")
      set(_dodoc_vim \"\$ENV{HOME}/.vim\")
    else()
      set(_dodoc_vim \"\${_dodoc_prefix}/share/vim/vimfiles\")
    endif()
  endif()
  foreach(_dodoc_dir syntax ftdetect)
    file(INSTALL DESTINATION \"\${_dodoc_vim}/\${_dodoc_dir}\" TYPE FILE
         FILES \"${PROJECT_SOURCE_DIR}/editors/vim/\${_dodoc_dir}/dodo.vim\")
  endforeach()
")
