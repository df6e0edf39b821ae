# Run by `cmake --install` (deploy/CMakeLists.txt): copies the unit and the examples into
# the build tree with the paths of this install: the program in <prefix>/<bindir>, the
# docs in <prefix>/<docdir>.
set(bindir "${CMAKE_INSTALL_PREFIX}/${BOUNCED_BINDIR}")
set(docdir "${CMAKE_INSTALL_PREFIX}/${BOUNCED_DOCDIR}")
foreach(name systemd/bounced.service systemd/bounced-serve.service cron/bounced cron/bounced-report postfix/maildir-delivery.cf postfix/pipe-transport.cf)
  file(READ "${BOUNCED_SOURCE_DIR}/${name}" text)
  string(REPLACE "/usr/local/bin/bounced" "${bindir}/bounced" text "${text}")
  if(NOT bindir STREQUAL "/usr/bin")  # cron's PATH has /usr/bin already
    string(REPLACE "PATH=/usr/local/bin:" "PATH=${bindir}:" text "${text}")
  endif()
  string(REPLACE "file:///usr/share/doc/bounced/" "file://${docdir}/" text "${text}")
  file(WRITE "${BOUNCED_STAGED_DIR}/${name}" "${text}")
endforeach()
