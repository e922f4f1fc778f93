// SPDX-License-Identifier: BSD-3-Clause
#include "frame_tap.h"

#include <memory>

#include "host.h"
#include "world.h"

extern "C" {
#include "mip6/decode.h"
}

namespace mip6h
{

void FrameTap::on(World &w, Link &l)
{
	w_ = &w;
	l.drop_if = [this](const Host &from, const uint8_t *p, size_t len) {
		record(from, p, len);
		return false;
	};
}

void FrameTap::record(const Host &from, const uint8_t *p, size_t len)
{
	auto pk = std::make_unique<mip6_pkt_t>(); // large: not on the stack
	if (mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, pk.get()) != 0 || pk->nlayers == 0)
		return;
	TapFrame s;
	s.t = w_ ? w_->now() : 0;
	s.from = from.name();
	const mip6_layer_t &o = pk->layer[0], &in = pk->layer[pk->nlayers - 1];
	s.src = o.ip.src;
	s.dst = o.ip.dst;
	s.tunneled = pk->nlayers > 1;
	s.in_src = in.ip.src;
	s.in_dst = in.ip.dst;
	s.has_hao = in.has_hao;
	s.hao = in.hao;
	s.has_rh2 = in.has_rh && in.rh.type == 2;
	s.rh2 = in.rh.first;
	if (pk->ul == MIP6_UL_UDP && in.upper_len > 8)
		s.tagged = parse_flow_tag(p + in.upper_off + 8, in.upper_len - 8, &s.tag);
	if (pk->ul == MIP6_UL_MH) {
		const mip6_mh_t &m = pk->mh;
		s.mh = m.type;
		if (m.type == MIP6_MH_BU) {
			s.seq = m.u.bu.seq;
			s.bu_flags = m.u.bu.flags;
			s.lifetime = m.u.bu.lifetime;
		} else if (m.type == MIP6_MH_BA) {
			s.seq = m.u.ba.seq;
			s.ba_status = m.u.ba.status;
			s.ba_flags = m.u.ba.flags;
			s.lifetime = m.u.ba.lifetime;
		}
		for (unsigned i = 0; i < m.nopts; i++)
			if (m.opts[i].type == MIP6_OPT_MNP)
				s.mnp.push_back({m.opts[i].u.mnp.prefix, m.opts[i].u.mnp.plen});
	}
	if (pk->ul == MIP6_UL_ICMP6) {
		const mip6_icmp6_t &m = pk->icmp6;
		s.icmp6 = m.type;
		switch (m.type) {
		case MIP6_ICMP6_DHAAD_REQUEST:
			s.icmp6_id = m.u.dhaad_req.id;
			break;
		case MIP6_ICMP6_DHAAD_REPLY:
			s.icmp6_id = m.u.dhaad_rep.id;
			break;
		case MIP6_ICMP6_MPS:
			s.icmp6_id = m.u.mps.id;
			break;
		case MIP6_ICMP6_MPA:
			s.icmp6_id = m.u.mpa.id;
			break;
		case MIP6_ICMP6_ECHO_REQUEST:
		case MIP6_ICMP6_ECHO_REPLY:
			s.icmp6_id = m.u.echo.id;
			break;
		default:
			break;
		}
	}
	if (keep_bytes)
		s.bytes.assign(p, p + len);
	frames.push_back(std::move(s));
}

} // namespace mip6h
