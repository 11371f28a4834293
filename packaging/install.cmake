# Installation and packages: `cmake --install BUILD [--prefix P]` puts the binary into
# P/bin and, when help2man is there, its man page into P/share/man/man1; `cpack` in the
# build folder makes a .deb of the same files, its runtime dependencies found by
# dpkg-shlibdeps. The binary needs nothing beside it: the registry snapshot, the grammars
# and the queries are compiled in.
include(GNUInstallDirs)
install(TARGETS portpolicy RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

# The man page runs the built binary; sanitizer builds (whose runs check for leaks) make none.
find_program(PP_HELP2MAN help2man)
if(PP_HELP2MAN AND NOT PORTPOLICY_SANITIZE AND NOT PORTPOLICY_FUZZ)
  set(pp_man "${CMAKE_BINARY_DIR}/portpolicy.1")
  add_custom_command(OUTPUT "${pp_man}"
    COMMAND "${CMAKE_COMMAND}" -DBIN=$<TARGET_FILE:portpolicy> -DHELP2MAN=${PP_HELP2MAN}
            -DOUT=${pp_man} -P "${CMAKE_CURRENT_LIST_DIR}/manpage.cmake"
    DEPENDS portpolicy "${CMAKE_CURRENT_LIST_DIR}/manpage.cmake"
    COMMENT "Generating the man page from --help")
  add_custom_target(portpolicy-manpage ALL DEPENDS "${pp_man}")
  install(FILES "${pp_man}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
else()
  message(STATUS "No man page is built or installed (help2man not found, or a sanitizer build)")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME portpolicy)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "portpolicy maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "port-policy linter: finds port numbers in a tree and checks them against the IANA registry")
set(CPACK_PACKAGE_DESCRIPTION
  "portpolicy finds the port literals of configuration files and source code (compose files,\
 Kubernetes manifests, Dockerfiles, nginx and systemd units, Terraform, .env files, a dozen\
 programming languages), checks them against an embedded snapshot of the IANA Service Name and\
 Transport Protocol Port Number Registry and the team's policy, and suggests ports in the\
 Dynamic/Private range.")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
