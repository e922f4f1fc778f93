/* SPDX-License-Identifier: BSD-3-Clause */
// Everything a scenario needs: #include "harness/harness.h".
#pragma once

#include "core.h"
#include "fail_alloc.h"
#include "frame_tap.h"
#include "host.h"
#include "link.h"
#include "pcap_tap.h"
#include "pkt.h"
#include "rerun.h"
#include "rng.h"
#include "scenario_util.h"
#include "sim.h"
#include "topo.h"
#include "world.h"
