# `cpack -G DEB` (included by deploy/CMakeLists.txt): bounced_<version>_amd64.deb with
# what `cmake --install` installs, under /usr, /etc/bounced/bounced.conf as a conffile.
# Depends is computed by dpkg-shlibdeps from the libraries the program links
# (needs dpkg-dev and file: deploy/install-deps.sh --package).
set(CPACK_PACKAGE_NAME bounced)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "bounce processor for newsletters and mailing lists")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "Reads the bounces that come back to a list's return address (DSNs, non-standard MTA\n"
    "texts, spam complaints, out-of-office replies), decides why each recipient failed,\n"
    "and keeps subscriber status in PostgreSQL.")
set(CPACK_PACKAGE_CONTACT "bounced maintainers <root@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # bounced_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "passwd")  # useradd, in postinst
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql, postfix | mail-transport-agent")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_SOURCE_DIR}/debian/conffiles
    ${CMAKE_CURRENT_SOURCE_DIR}/debian/postinst
    ${CMAKE_CURRENT_SOURCE_DIR}/debian/prerm
    ${CMAKE_CURRENT_SOURCE_DIR}/debian/postrm)
set(CPACK_GENERATOR DEB)
set(CPACK_SOURCE_GENERATOR "")
include(CPack)
