# SPDX-License-Identifier: BSD-3-Clause
# Installation and export of the libraries (docs/BINDING.md, "Installing and
# linking"): headers, archives or the shared library, the CMake package
# (find_package(mip6) -> mip6::core, mip6::bind) and pkg-config files.
# Included once from the top-level CMakeLists.txt, before the subdirectories:
# the rules themselves run deferred, at the end of the top-level directory,
# when every library (core/, bind/) exists.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(MIP6_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/mip6" CACHE STRING
    "Where the CMake package files of mip6 are installed")
set(MIP6_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig" CACHE STRING
    "Where the pkg-config files of mip6 are installed")
set(MIP6_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# Build-tree include directories become $<BUILD_INTERFACE:...> so the
# exported target points at the installed headers instead.
function(mip6_install_interface_includes tgt)
  get_target_property(dirs ${tgt} INTERFACE_INCLUDE_DIRECTORIES)
  if(NOT dirs)
    set(dirs "")
  endif()
  set(out "")
  foreach(d IN LISTS dirs)
    if(d MATCHES "^\\$<")
      list(APPEND out "${d}")
    else()
      list(APPEND out "$<BUILD_INTERFACE:${d}>")
    endif()
  endforeach()
  list(APPEND out "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")
  set_property(TARGET ${tgt} PROPERTY INTERFACE_INCLUDE_DIRECTORIES "${out}")
endfunction()

# mip6_install_library(<target> EXPORT_NAME <name> [HEADERS <dir>] [PC_NAME <pc>]
#   [DESCRIPTION <text>] [PC_REQUIRES <pkgs>] [PC_REQUIRES_PRIVATE <pkgs>]
#   [PC_LIBS <-l...>])
# Installs <target> into the mip6Targets export set as mip6::<name>, the
# headers of <dir> (its mip6/*.h) and, with PC_NAME, a pkg-config file.
function(mip6_install_library tgt)
  cmake_parse_arguments(A "" "EXPORT_NAME;HEADERS;PC_NAME;DESCRIPTION"
                        "PC_REQUIRES;PC_REQUIRES_PRIVATE;PC_LIBS" ${ARGN})
  mip6_install_interface_includes(${tgt})
  set_property(TARGET ${tgt} PROPERTY EXPORT_NAME ${A_EXPORT_NAME})
  install(TARGETS ${tgt} EXPORT mip6Targets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Runtime NAMELINK_COMPONENT Development
          RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Runtime)
  if(A_HEADERS)
    install(DIRECTORY ${A_HEADERS}/mip6 DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT Development
            FILES_MATCHING PATTERN "*.h")
  endif()
  if(A_PC_NAME)
    if(NOT A_PC_LIBS)
      get_target_property(out ${tgt} OUTPUT_NAME)
      if(NOT out)
        set(out ${tgt})
      endif()
      set(A_PC_LIBS "-l${out}")
    endif()
    string(REPLACE ";" " " MIP6_PC_LIBS "${A_PC_LIBS}")
    string(REPLACE ";" ", " MIP6_PC_REQUIRES "${A_PC_REQUIRES}")
    string(REPLACE ";" ", " MIP6_PC_REQUIRES_PRIVATE "${A_PC_REQUIRES_PRIVATE}")
    file(RELATIVE_PATH MIP6_PC_UP "/p/${MIP6_INSTALL_PKGCONFIGDIR}" "/p")
    string(REGEX REPLACE "/$" "" MIP6_PC_UP "${MIP6_PC_UP}")
    set(MIP6_PC_NAME ${A_PC_NAME})
    set(MIP6_PC_DESCRIPTION "${A_DESCRIPTION}")
    configure_file(${MIP6_CMAKE_DIR}/mip6.pc.in ${PROJECT_BINARY_DIR}/pkgconfig/${A_PC_NAME}.pc @ONLY)
    install(FILES ${PROJECT_BINARY_DIR}/pkgconfig/${A_PC_NAME}.pc DESTINATION ${MIP6_INSTALL_PKGCONFIGDIR}
            COMPONENT Development)
  endif()
endfunction()

function(mip6_install_all)
  # The core. A static build installs libmip6core.a and the crypto seam's
  # libmip6crypto.a (mip6::core links mip6::crypto, which links OpenSSL); a
  # shared build installs libmip6core.so, the seam inside, as mip6::core, and
  # the archives beside it as mip6::core_static.
  set(MIP6_CORE_PC_DESC "Mobile IPv6 / NEMO / MCoA protocol core (sans-I/O)")
  if(TARGET mip6core_shared)
    mip6_install_library(mip6crypto EXPORT_NAME crypto)
    mip6_install_library(mip6core EXPORT_NAME core_static)
    mip6_install_library(mip6core_shared EXPORT_NAME core HEADERS ${PROJECT_SOURCE_DIR}/core/include
                         PC_NAME mip6core DESCRIPTION "${MIP6_CORE_PC_DESC}"
                         PC_LIBS -lmip6core PC_REQUIRES_PRIVATE libcrypto)
  else()
    mip6_install_library(mip6crypto EXPORT_NAME crypto)
    mip6_install_library(mip6core EXPORT_NAME core HEADERS ${PROJECT_SOURCE_DIR}/core/include
                         PC_NAME mip6core DESCRIPTION "${MIP6_CORE_PC_DESC}"
                         PC_LIBS -lmip6core -lmip6crypto PC_REQUIRES_PRIVATE libcrypto)
  endif()

  # The binding layer (bind/), when it is part of the build.
  if(TARGET mip6bind)
    mip6_install_library(mip6bind EXPORT_NAME bind HEADERS ${PROJECT_SOURCE_DIR}/bind/include
                         PC_NAME mip6bind DESCRIPTION "Shared pieces for bindings of the mip6 core"
                         PC_REQUIRES mip6core)
  endif()

  install(EXPORT mip6Targets NAMESPACE mip6:: DESTINATION ${MIP6_INSTALL_CMAKEDIR} COMPONENT Development)
  configure_package_config_file(${MIP6_CMAKE_DIR}/mip6Config.cmake.in ${PROJECT_BINARY_DIR}/mip6Config.cmake
                                INSTALL_DESTINATION ${MIP6_INSTALL_CMAKEDIR})
  # 0.x: a minor release may change the API (the SONAME carries it too).
  write_basic_package_version_file(${PROJECT_BINARY_DIR}/mip6ConfigVersion.cmake
                                   VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
  install(FILES ${PROJECT_BINARY_DIR}/mip6Config.cmake ${PROJECT_BINARY_DIR}/mip6ConfigVersion.cmake
          DESTINATION ${MIP6_INSTALL_CMAKEDIR} COMPONENT Development)
endfunction()
cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL mip6_install_all)

# Only to watch the symbols test fail: OFF links libmip6core.so without
# cmake/mip6core.map, so it exports the crypto seam's internals too.
option(MIP6_SHARED_VERSION_SCRIPT "Link libmip6core.so with its version script" ON)
mark_as_advanced(MIP6_SHARED_VERSION_SCRIPT)
