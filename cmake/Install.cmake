# Installation rules (cmake --install): see docs/cli.md.
#
#   cmake --install build --prefix P   installs
#     P/bin/dodoc
#     P/lib/dodoc/libdodort.a                the runtime every program links
#     P/share/man/man1/dodoc.1               docs/dodoc.1.in, with the version
#     P/share/vim/vimfiles/{syntax,ftdetect}/dodo.vim
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
install(FILES ${PROJECT_SOURCE_DIR}/editors/vim/syntax/dodo.vim
        DESTINATION share/vim/vimfiles/syntax)
install(FILES ${PROJECT_SOURCE_DIR}/editors/vim/ftdetect/dodo.vim
        DESTINATION share/vim/vimfiles/ftdetect)
