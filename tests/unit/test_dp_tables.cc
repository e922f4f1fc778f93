// SPDX-License-Identifier: BSD-3-Clause
// The data plane's tables: 100k bindings kept consistent with a std::map
// through random adds, updates and deletes; longest-prefix match of mobile
// network prefixes against a brute-force reference; memory per binding;
// and an allocator that fails each allocation in turn, after which the
// tables must match the reference and nothing may leak.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <random>
#include <tuple>

#include "test_util.h"

extern "C" {
#include "mip6/dp.h"
#include "mip6/node.h"
#include "mip6/packet.h"
}

namespace
{

// Counts allocations, fails the fail_at-th one (1-based; 0: never), and
// tracks live blocks so a leak is seen without a sanitizer too.
struct FailAlloc {
	unsigned calls = 0, fail_at = 0, failed = 0;
	std::map<void *, size_t> live;
	static void *fn(void *ctx, void *p, size_t n)
	{
		auto *a = static_cast<FailAlloc *>(ctx);
		if (n == 0) {
			if (p) {
				EXPECT_EQ(a->live.erase(p), 1u) << "free of an unknown block";
				free(p);
			}
			return nullptr;
		}
		if (++a->calls == a->fail_at) {
			a->failed++;
			return nullptr;
		}
		void *q = realloc(p, n);
		if (q) {
			if (p)
				a->live.erase(p);
			a->live[q] = n;
		}
		return q;
	}
	mip6_alloc_t alloc() { return mip6_alloc_t{fn, this}; }
};

mip6_addr_t indexed(const char *base, uint32_t i)
{
	mip6_addr_t a = t::addr(base);
	a.b[12] = (uint8_t)(i >> 24);
	a.b[13] = (uint8_t)(i >> 16);
	a.b[14] = (uint8_t)(i >> 8);
	a.b[15] = (uint8_t)i;
	return a;
}

using Key = std::pair<std::string, uint16_t>; // hoa bytes, bid
struct Val {
	mip6_addr_t coa;
	uint32_t flags;
};

std::string K(const mip6_addr_t &a)
{
	return std::string(reinterpret_cast<const char *>(a.b), 16);
}

void expect_same(mip6_dp_t *dp, const std::map<Key, Val> &ref)
{
	ASSERT_EQ(mip6_dp_bc_count(dp), ref.size());
	for (auto &kv : ref) {
		mip6_addr_t hoa, coa;
		memcpy(hoa.b, kv.first.first.data(), 16);
		uint32_t flags = 0;
		ASSERT_EQ(mip6_dp_bc_get(dp, &hoa, kv.first.second, &coa, &flags), 0);
		ASSERT_TRUE(mip6_addr_eq(&coa, &kv.second.coa));
		ASSERT_EQ(flags, kv.second.flags);
	}
}
} // namespace

TEST(DpTables, HundredThousandBindingsMatchAMap)
{
	FailAlloc fa;
	mip6_stats_t st{};
	mip6_dp_t *dp = mip6_dp_new(fa.alloc(), &st);
	ASSERT_NE(dp, nullptr);
	const mip6_addr_t ha = t::addr("2001:db8:1::1");
	std::map<Key, Val> ref;
	std::mt19937 rng(42);
	const uint32_t nhoa = 60000;
	// Grow to 100k bindings (HoAs with one to three BIDs).
	while (ref.size() < 100000) {
		uint32_t i = rng() % nhoa;
		uint16_t bid = (uint16_t)(rng() % 3);
		mip6_addr_t hoa = indexed("2001:db8:1::", i), coa = indexed("2001:db8:f::", (uint32_t)rng());
		uint32_t flags = MIP6_DPF_HOME | (rng() % 2 ? MIP6_DPF_MR : 0);
		ASSERT_EQ(mip6_dp_bc_set(dp, &hoa, bid, &coa, &ha, flags), 0);
		ref[{K(hoa), bid}] = {coa, flags};
	}
	expect_same(dp, ref);
	EXPECT_LE(mip6_dp_memory(dp) / mip6_dp_bc_count(dp), 256u) << "bytes per binding";

	// Churn: updates, single deletes, delete-all of a HoA, misses.
	for (int op = 0; op < 200000; op++) {
		uint32_t i = rng() % nhoa;
		uint16_t bid = (uint16_t)(rng() % 3);
		mip6_addr_t hoa = indexed("2001:db8:1::", i);
		Key k{K(hoa), bid};
		switch (rng() % 4) {
		case 0:
		case 1: {
			mip6_addr_t coa = indexed("2001:db8:e::", (uint32_t)rng());
			ASSERT_EQ(mip6_dp_bc_set(dp, &hoa, bid, &coa, &ha, MIP6_DPF_HOME), 0);
			ref[k] = {coa, MIP6_DPF_HOME};
			break;
		}
		case 2: {
			int rc = mip6_dp_bc_del(dp, &hoa, bid);
			ASSERT_EQ(rc, ref.erase(k) ? 0 : MIP6_E_INVAL);
			break;
		}
		default: {
			if (op % 16)
				break;
			size_t n = 0;
			for (uint16_t b = 0; b < 3; b++)
				n += ref.erase({K(hoa), b});
			ASSERT_EQ(mip6_dp_bc_del(dp, &hoa, 0xffff), n ? 0 : MIP6_E_INVAL);
			break;
		}
		}
		if (op % 20000 == 0) {
			ASSERT_EQ(mip6_dp_bc_count(dp), ref.size());
		}
	}
	expect_same(dp, ref);
	// Deleted keys are gone.
	for (uint32_t i = 0; i < nhoa; i += 97) {
		mip6_addr_t hoa = indexed("2001:db8:1::", i);
		for (uint16_t b = 0; b < 3; b++)
			EXPECT_EQ(mip6_dp_bc_get(dp, &hoa, b, nullptr, nullptr) == 0,
			          ref.count({K(hoa), b}) == 1);
	}

	// Emptying the table gives the memory back.
	size_t full = mip6_dp_memory(dp);
	for (auto &kv : ref) {
		mip6_addr_t hoa;
		memcpy(hoa.b, kv.first.first.data(), 16);
		ASSERT_EQ(mip6_dp_bc_del(dp, &hoa, kv.first.second), 0);
	}
	EXPECT_EQ(mip6_dp_bc_count(dp), 0u);
	EXPECT_LT(mip6_dp_memory(dp), full / 100);
	mip6_dp_free(dp);
	EXPECT_TRUE(fa.live.empty());
}

TEST(DpTables, BindingLimitsAndMisses)
{
	mip6_stats_t st{};
	FailAlloc fa;
	mip6_dp_t *dp = mip6_dp_new(fa.alloc(), &st);
	const mip6_addr_t hoa = t::addr("2001:db8:1::100"), coa = t::addr("2001:db8:2::1"),
	                  ha = t::addr("2001:db8:1::1");
	for (uint16_t bid = 1; bid <= 64; bid++)
		ASSERT_EQ(mip6_dp_bc_set(dp, &hoa, bid, &coa, &ha, MIP6_DPF_HOME), 0);
	EXPECT_EQ(mip6_dp_bc_set(dp, &hoa, 65, &coa, &ha, MIP6_DPF_HOME), MIP6_E_NOSPC);
	EXPECT_EQ(mip6_dp_bc_set(dp, &hoa, 64, &ha, &ha, MIP6_DPF_RO), 0); // updating one is fine
	mip6_addr_t got;
	uint32_t flags;
	ASSERT_EQ(mip6_dp_bc_get(dp, &hoa, 64, &got, &flags), 0);
	EXPECT_TRUE(mip6_addr_eq(&got, &ha));
	EXPECT_EQ(flags, MIP6_DPF_RO);
	EXPECT_EQ(mip6_dp_bc_del(dp, &hoa, 0xffff), 0);
	EXPECT_EQ(mip6_dp_bc_count(dp), 0u);
	EXPECT_EQ(mip6_dp_bc_del(dp, &hoa, 0xffff), MIP6_E_INVAL);
	EXPECT_EQ(mip6_dp_bc_del(dp, &hoa, 3), MIP6_E_INVAL);
	EXPECT_EQ(mip6_dp_mnp_del(dp, &hoa, 64), MIP6_E_INVAL);
	EXPECT_EQ(mip6_dp_ro_del(dp, &hoa, &ha), MIP6_E_INVAL);
	EXPECT_EQ(mip6_dp_bul_del(dp, &hoa, 0), MIP6_E_INVAL);
	EXPECT_EQ(mip6_dp_mnp_set(dp, &hoa, 129, &hoa), MIP6_E_INVAL);
	EXPECT_EQ(mip6_dp_bc_set(dp, &hoa, 0, nullptr, &ha, 0), MIP6_E_INVAL);
	mip6_dp_free(dp);
	EXPECT_TRUE(fa.live.empty());
}

TEST(DpTables, MobileNetworkPrefixKeepsItsOwner)
{
	FailAlloc fa;
	mip6_stats_t st{};
	mip6_dp_t *dp = mip6_dp_new(fa.alloc(), &st);
	const mip6_addr_t p = t::addr("2001:db8:100::"), mr1 = t::addr("2001:db8:1::100"),
	                  mr2 = t::addr("2001:db8:1::200"), mnn = t::addr("2001:db8:100::5");
	ASSERT_EQ(mip6_dp_mnp_set(dp, &p, 48, &mr1), 0);
	EXPECT_EQ(mip6_dp_mnp_set(dp, &p, 48, &mr1), 0); // the owner may set it again
	// A second router cannot take it over (RFC 3963 6.6).
	EXPECT_EQ(mip6_dp_mnp_set(dp, &p, 48, &mr2), MIP6_E_INVAL);
	mip6_addr_t owner;
	uint8_t plen = 0;
	ASSERT_EQ(mip6_dp_mnp_get(dp, &mnn, &owner, &plen), 0);
	EXPECT_EQ(t::str(owner), t::str(mr1));
	EXPECT_EQ(plen, 48);
	// Once the owner lets it go, another router may have it.
	ASSERT_EQ(mip6_dp_mnp_del(dp, &p, 48), 0);
	ASSERT_EQ(mip6_dp_mnp_set(dp, &p, 48, &mr2), 0);
	ASSERT_EQ(mip6_dp_mnp_get(dp, &mnn, &owner, &plen), 0);
	EXPECT_EQ(t::str(owner), t::str(mr2));
	mip6_dp_free(dp);
	EXPECT_TRUE(fa.live.empty());
}

TEST(DpTables, MobileNetworkPrefixLongestMatch)
{
	FailAlloc fa;
	mip6_dp_t *dp = mip6_dp_new(fa.alloc(), nullptr);
	std::mt19937 rng(7);
	const uint8_t lens[] = {48, 52, 56, 60, 64};
	struct Ref {
		mip6_addr_t prefix;
		uint8_t plen;
		mip6_addr_t hoa;
	};
	std::map<std::pair<std::string, uint8_t>, Ref> ref;
	auto rand_addr = [&]() {
		// A small space under 2001:db8::/32 so prefixes nest often.
		mip6_addr_t a = t::addr("2001:db8::");
		a.b[4] = (uint8_t)(rng() % 2);
		a.b[5] = (uint8_t)(rng() % 4);
		a.b[6] = (uint8_t)(rng() % 4 * 0x11);
		a.b[7] = (uint8_t)(rng() % 4 * 0x11);
		for (int i = 8; i < 16; i++)
			a.b[i] = (uint8_t)rng();
		return a;
	};
	auto masked = [](mip6_addr_t a, unsigned plen) {
		for (unsigned i = 0; i < 16; i++) {
			unsigned bits = plen > i * 8 ? std::min(8u, plen - i * 8) : 0;
			a.b[i] &= (uint8_t)(0xff00u >> bits);
		}
		return a;
	};
	for (int i = 0; i < 3000; i++) {
		uint8_t plen = lens[rng() % 5];
		mip6_addr_t p = masked(rand_addr(), plen), hoa = indexed("2001:db8:1::", (uint32_t)i);
		if (rng() % 5 == 0 && !ref.empty()) {
			auto it = ref.begin();
			std::advance(it, (long)(rng() % ref.size()));
			ASSERT_EQ(mip6_dp_mnp_del(dp, &it->second.prefix, it->second.plen), 0);
			ref.erase(it);
			continue;
		}
		auto held = ref.find({K(p), plen});
		if (held != ref.end()) {
			// Another router's prefix is not taken over (RFC 3963 6.6).
			ASSERT_EQ(mip6_dp_mnp_set(dp, &p, plen, &hoa), MIP6_E_INVAL);
			continue;
		}
		ASSERT_EQ(mip6_dp_mnp_set(dp, &p, plen, &hoa), 0);
		ref[{K(p), plen}] = {p, plen, hoa};
	}
	ASSERT_EQ(mip6_dp_mnp_count(dp), ref.size());
	unsigned hits = 0;
	for (int i = 0; i < 20000; i++) {
		mip6_addr_t a = rand_addr();
		const Ref *best = nullptr;
		for (auto &kv : ref)
			if (mip6_addr_prefix_match(&a, &kv.second.prefix, kv.second.plen) &&
			    (!best || kv.second.plen > best->plen))
				best = &kv.second;
		mip6_addr_t hoa;
		uint8_t plen = 0;
		int rc = mip6_dp_mnp_get(dp, &a, &hoa, &plen);
		if (!best) {
			ASSERT_EQ(rc, MIP6_E_INVAL);
			continue;
		}
		hits++;
		ASSERT_EQ(rc, 0);
		ASSERT_EQ(plen, best->plen);
		ASSERT_TRUE(mip6_addr_eq(&hoa, &best->hoa));
	}
	EXPECT_GT(hits, 1000u); // the reference really exercised nesting
	mip6_dp_free(dp);
	EXPECT_TRUE(fa.live.empty());
}

namespace
{
struct Model {
	std::map<Key, Val> bc;
	std::map<std::pair<std::string, uint8_t>, std::string> mnp;
};

// Runs a scripted set of updates; each one either succeeds or fails with
// MIP6_E_NOMEM, and the model follows only the successes.
void scenario(mip6_dp_t *dp, Model &m)
{
	const mip6_addr_t has[3] = {t::addr("2001:db8:1::1"), t::addr("2001:db8:1::2"),
	                            t::addr("2001:db8:1::3")};
	auto ok = [](int rc) {
		EXPECT_TRUE(rc == 0 || rc == MIP6_E_NOMEM) << rc;
		return rc == 0;
	};
	for (uint32_t i = 0; i < 200; i++) {
		mip6_addr_t hoa = indexed("2001:db8:1::", i / 2), coa = indexed("2001:db8:2::", i);
		if (ok(mip6_dp_bc_set(dp, &hoa, (uint16_t)(i % 2), &coa, &has[i % 3], MIP6_DPF_HOME)))
			m.bc[{K(hoa), (uint16_t)(i % 2)}] = {coa, MIP6_DPF_HOME};
	}
	for (uint32_t i = 0; i < 40; i++) {
		mip6_addr_t p = indexed("2001:db8:100::", 0);
		p.b[5] = (uint8_t)i;
		uint8_t plen = (uint8_t)(48 + (i % 3) * 8);
		mip6_addr_t hoa = indexed("2001:db8:1::", i);
		if (ok(mip6_dp_mnp_set(dp, &p, plen, &hoa)))
			m.mnp[{K(p), plen}] = K(hoa);
	}
	const mip6_addr_t mn = t::addr("2001:db8:7::1"), cn = t::addr("2001:db8:9::9");
	for (uint16_t b = 0; b < 6; b++) {
		mip6_addr_t coa = indexed("2001:db8:3::", b);
		ok(mip6_dp_bul_set(dp, &mn, b, &coa, &has[0], b, MIP6_DPF_HOME));
		mip6_addr_t peer = indexed("2001:db8:9::", b);
		ok(mip6_dp_ro_set(dp, &mn, &peer, &coa, b));
		ok(mip6_dp_local_mnp_set(dp, &peer, 64, &mn));
		mip6_flow_rule_t r{};
		r.bid = b;
		ok(mip6_dp_flow_add(dp, &r));
	}
	// Deletions shrink the tables (a failed shrink is invisible).
	for (uint32_t i = 0; i < 180; i++) {
		mip6_addr_t hoa = indexed("2001:db8:1::", i / 2);
		int rc = mip6_dp_bc_del(dp, &hoa, (uint16_t)(i % 2));
		EXPECT_EQ(rc, m.bc.erase({K(hoa), (uint16_t)(i % 2)}) ? 0 : MIP6_E_INVAL);
	}
	// The data plane still works on what is left.
	std::vector<uint8_t> mem(512);
	mip6_buf_t b;
	mip6_buf_init(&b, mem.data(), mem.size(), 128);
	memset(mip6_buf_put(&b, 8), 0, 8);
	mip6_ip6_t h{};
	h.src = cn;
	h.dst = indexed("2001:db8:1::", 95);
	h.nxt = MIP6_PROTO_NONE;
	h.hlim = 9;
	mip6_buf_push_ip6(&b, &h);
	bool bound = m.bc.count({K(h.dst), 1}) || m.bc.count({K(h.dst), 0});
	EXPECT_EQ(mip6_dp_output(dp, &b).action, bound ? MIP6_DPA_SEND : MIP6_DPA_PASS);
}

void expect_model(mip6_dp_t *dp, const Model &m)
{
	expect_same(dp, m.bc);
	ASSERT_EQ(mip6_dp_mnp_count(dp), m.mnp.size());
	for (auto &kv : m.mnp) {
		mip6_addr_t p, hoa;
		memcpy(p.b, kv.first.first.data(), 16);
		uint8_t plen;
		ASSERT_EQ(mip6_dp_mnp_get(dp, &p, &hoa, &plen), 0);
		EXPECT_EQ(plen, kv.first.second);
		EXPECT_EQ(K(hoa), kv.second);
	}
}
} // namespace

TEST(DpTables, EveryAllocationFailureLeavesConsistentTablesAndNoLeak)
{
	unsigned total;
	{
		FailAlloc fa;
		mip6_dp_t *dp = mip6_dp_new(fa.alloc(), nullptr);
		Model m;
		scenario(dp, m);
		expect_model(dp, m);
		mip6_dp_free(dp);
		total = fa.calls;
		ASSERT_TRUE(fa.live.empty());
	}
	ASSERT_GE(total, 15u); // table growth, shrink, the small arrays
	for (unsigned k = 1; k <= total; k++) {
		FailAlloc fa;
		fa.fail_at = k;
		mip6_stats_t st{};
		mip6_dp_t *dp = mip6_dp_new(fa.alloc(), &st);
		if (!dp) {
			EXPECT_EQ(k, 1u);
			EXPECT_EQ(st.nomem, 1u);
			EXPECT_TRUE(fa.live.empty());
			continue;
		}
		Model m;
		scenario(dp, m);
		EXPECT_EQ(fa.failed, 1u) << k;
		expect_model(dp, m);
		mip6_dp_free(dp);
		EXPECT_TRUE(fa.live.empty()) << "leak after failing allocation " << k;
	}
}
