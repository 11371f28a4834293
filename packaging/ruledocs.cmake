# cmake -DBIN=portpolicy -DOUT=DIR -P ruledocs.cmake
#
# Writes each rule's documentation (`portpolicy rule CODE`) to DIR/CODE.md, the codes read
# off `portpolicy rules`. Installed beside the man page; the Language Server links its
# diagnostics to them.
execute_process(COMMAND "${BIN}" rules OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${BIN} rules failed (${rc})")
endif()
string(REGEX MATCHALL "(^|\n)PP[0-9]+" codes "${listing}")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
foreach(code IN LISTS codes)
  string(STRIP "${code}" code)
  execute_process(COMMAND "${BIN}" rule ${code} OUTPUT_VARIABLE doc RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${BIN} rule ${code} failed (${rc})")
  endif()
  file(WRITE "${OUT}/${code}.md" "${doc}")
endforeach()
