// SPDX-License-Identifier: BSD-3-Clause
#include "pcap_tap.h"

#include <pcap/pcap.h>

#include <filesystem>
#include <system_error>

namespace mip6h
{

bool PcapTap::open(const std::string &path)
{
	close();
	path_ = path;
	std::error_code ec;
	auto parent = std::filesystem::path(path).parent_path();
	if (!parent.empty())
		std::filesystem::create_directories(parent, ec);
	dead_ = pcap_open_dead_with_tstamp_precision(DLT_RAW, 65535, PCAP_TSTAMP_PRECISION_NANO);
	if (!dead_) {
		error_ = "pcap_open_dead failed";
		return false;
	}
	dumper_ = pcap_dump_open(dead_, path.c_str());
	if (!dumper_) {
		error_ = pcap_geterr(dead_);
		pcap_close(dead_);
		dead_ = nullptr;
		return false;
	}
	return true;
}

void PcapTap::write(mip6_ns_t t, const uint8_t *pkt, size_t len)
{
	if (!dumper_)
		return;
	struct pcap_pkthdr h = {};
	h.ts.tv_sec = static_cast<time_t>(t / 1000000000ull);
	// With nanosecond precision the "usec" field holds nanoseconds.
	h.ts.tv_usec = static_cast<suseconds_t>(t % 1000000000ull);
	h.caplen = static_cast<bpf_u_int32>(len > 65535 ? 65535 : len);
	h.len = static_cast<bpf_u_int32>(len);
	pcap_dump(reinterpret_cast<u_char *>(dumper_), &h, pkt);
	written_++;
}

void PcapTap::flush()
{
	if (dumper_)
		pcap_dump_flush(dumper_);
}

void PcapTap::close()
{
	if (dumper_) {
		pcap_dump_close(dumper_);
		dumper_ = nullptr;
	}
	if (dead_) {
		pcap_close(dead_);
		dead_ = nullptr;
	}
}

} // namespace mip6h
