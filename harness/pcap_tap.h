/* SPDX-License-Identifier: BSD-3-Clause */
// A raw-IPv6 capture (DLT_RAW) written through libpcap, time stamps from
// the virtual clock with nanosecond precision.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" {
#include "mip6/timer.h"
}

struct pcap;
struct pcap_dumper;

namespace mip6h
{

class PcapTap
{
      public:
	PcapTap() = default;
	~PcapTap() { close(); }
	PcapTap(const PcapTap &) = delete;
	PcapTap &operator=(const PcapTap &) = delete;

	// Creates (truncates) path; makes the parent directory if needed.
	// Returns false with error() set when it cannot.
	bool open(const std::string &path);
	void write(mip6_ns_t t, const uint8_t *pkt, size_t len);
	void flush();
	void close();
	bool is_open() const { return dumper_ != nullptr; }
	const std::string &path() const { return path_; }
	const std::string &error() const { return error_; }
	uint64_t written() const { return written_; }

      private:
	struct pcap *dead_ = nullptr;
	struct pcap_dumper *dumper_ = nullptr;
	std::string path_, error_;
	uint64_t written_ = 0;
};

} // namespace mip6h
