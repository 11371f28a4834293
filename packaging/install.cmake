# Installation and packages: `cmake --install BUILD [--prefix P]` puts the binary into
# P/bin and, when help2man is there, its man page into P/share/man/man1; `cpack` in the
# build folder makes a .deb of the same files, its runtime dependencies found by
# dpkg-shlibdeps. The binary needs nothing beside it: the registry snapshot, the grammars
# and the queries are compiled in.
include(GNUInstallDirs)
install(TARGETS portpolicy RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

# Each rule's documentation, where the Language Server's diagnostics link to (found from
# the binary's own place: PREFIX/bin -> PREFIX/share/doc/portpolicy/rules).
set(pp_rule_docs_dest "${CMAKE_INSTALL_DOCDIR}/rules")
file(RELATIVE_PATH pp_rule_docs_from_bin "/p/${CMAKE_INSTALL_BINDIR}" "/p/${pp_rule_docs_dest}")
target_compile_definitions(portpolicy_embedded PRIVATE PP_RULE_DOCS_FROM_BIN="${pp_rule_docs_from_bin}")

# The man page and the rule documents run the built binary; sanitizer builds (whose runs
# check for leaks) make neither.
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
endif()
if(NOT PORTPOLICY_SANITIZE AND NOT PORTPOLICY_FUZZ)
  set(pp_rule_docs "${CMAKE_BINARY_DIR}/rule-docs")
  add_custom_command(OUTPUT "${pp_rule_docs}/PP201.md"
    COMMAND "${CMAKE_COMMAND}" -DBIN=$<TARGET_FILE:portpolicy> -DOUT=${pp_rule_docs}
            -P "${CMAKE_CURRENT_LIST_DIR}/ruledocs.cmake"
    DEPENDS portpolicy "${CMAKE_CURRENT_LIST_DIR}/ruledocs.cmake"
    COMMENT "Writing each rule's documentation")
  add_custom_target(portpolicy-rule-docs ALL DEPENDS "${pp_rule_docs}/PP201.md")
  install(DIRECTORY "${pp_rule_docs}/" DESTINATION "${pp_rule_docs_dest}")
endif()
if(NOT PP_HELP2MAN OR PORTPOLICY_SANITIZE OR PORTPOLICY_FUZZ)
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
