# One CTest entry per GoogleTest suite, so that each test process pays LibTorch's start-up once
# per suite instead of once per test. Suites are read from the sources at configure time
# (TEST, TEST_F, TEST_P); a companion entry checks that the binary lists no suite the scan missed.
#
#   ropescope_add_suite_tests(TARGET PREFIX [FILTER_OUT suite...] [ENVIRONMENT VAR=value...])
function(ropescope_add_suite_tests target prefix)
  cmake_parse_arguments(ARG "" "" "FILTER_OUT;ENVIRONMENT" ${ARGN})
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  set(suites "")
  foreach(source IN LISTS sources)
    cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${source_dir}" NORMALIZE)
    if(NOT source MATCHES "\\.cpp$")
      continue()
    endif()
    # Re-scan when a test source changes (each file once: a shared main would be listed twice).
    get_property(watched GLOBAL PROPERTY ROPESCOPE_SUITE_SOURCES)
    if(NOT source IN_LIST watched)
      set_property(GLOBAL APPEND PROPERTY ROPESCOPE_SUITE_SOURCES "${source}")
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${source}")
    endif()
    file(STRINGS "${source}" lines REGEX "^(TEST|TEST_F|TEST_P)\\(")
    foreach(line IN LISTS lines)
      if(line MATCHES "^TEST(_F|_P)?\\( *([A-Za-z_][A-Za-z0-9_]*)")
        list(APPEND suites "${CMAKE_MATCH_2}")
      endif()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES suites)
  list(SORT suites)
  if(ARG_FILTER_OUT)
    list(REMOVE_ITEM suites ${ARG_FILTER_OUT})
  endif()
  foreach(suite IN LISTS suites)
    # Plain and fixture suites are "Suite.Test"; parameterised ones "Prefix/Suite.Test/N".
    add_test(NAME ${prefix}.${suite} COMMAND ${target} "--gtest_filter=${suite}.*:*/${suite}.*")
    set_property(TEST ${prefix}.${suite} PROPERTY ENVIRONMENT ${ARG_ENVIRONMENT})
  endforeach()
  # Every suite the binary holds must have been registered above (or deliberately filtered out).
  string(REPLACE ";" "," known "${suites};${ARG_FILTER_OUT}")
  add_test(NAME ${prefix}.all_suites_registered
    COMMAND ${CMAKE_COMMAND} -DBINARY=$<TARGET_FILE:${target}> "-DKNOWN=${known}"
      -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/check_suites.cmake)
  set_property(TEST ${prefix}.all_suites_registered PROPERTY ENVIRONMENT ${ARG_ENVIRONMENT})
endfunction()
