# cmake -DBIN=portpolicy -DHELP2MAN=help2man -DOUT=portpolicy.1 -P manpage.cmake
#
# Writes the man page: help2man reads `portpolicy --help` and `--version`; a COMMANDS
# section adds each subcommand's own --help, the subcommands read off the top-level help.
execute_process(COMMAND "${BIN}" --help OUTPUT_VARIABLE top RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${BIN} --help failed (${rc})")
endif()
string(REGEX REPLACE ".*\nSubcommands:\n" "" subs "${top}")
string(REGEX MATCHALL "\n?  [a-z][a-z-]*  " names "\n${subs}")

set(include_text "[COMMANDS]\n")
foreach(name IN LISTS names)
  string(STRIP "${name}" name)
  execute_process(COMMAND "${BIN}" ${name} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${BIN} ${name} --help failed (${rc})")
  endif()
  # roff: a backslash is written \e, and a line may not open with a control character.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(APPEND include_text ".SS portpolicy ${name}\n.nf\n${help}\n.fi\n")
endforeach()
string(APPEND include_text "[FILES]\n.TP\n.I .portpolicy.yaml\nthe configuration: the nearest one above each checked file applies (see \\fBportpolicy init\\fR).\n")

set(inc "${OUT}.include")
file(WRITE "${inc}" "${include_text}")
execute_process(COMMAND "${HELP2MAN}" --no-info --no-discard-stderr --section 1
                        --name "port-policy linter for configuration files and source code"
                        --include "${inc}" --output "${OUT}" "${BIN}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (${rc})")
endif()
