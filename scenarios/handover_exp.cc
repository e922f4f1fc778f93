// SPDX-License-Identifier: BSD-3-Clause
// mip6-handover-exp: the reference handover experiment on the in-process
// harness. Runs the home -> f1 -> f2 -> home trip per seed and DAD mode,
// each run in a child process (a crash costs that run only), and writes
// results.csv row by row, then summary.txt. See scenarios/README.md.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "handover_trip.h"

using namespace mip6exp;

namespace
{

const char kUsage[] = "usage: mip6-handover-exp [options]\n"
                      "The reference handover experiment on the in-process harness: a mobile node\n"
                      "with route optimisation moves home -> f1 -> f2 -> home while a correspondent\n"
                      "sends it a UDP flow; per move it measures the interruption (gap between the\n"
                      "last packet delivered before the move and the first after it) and the loss,\n"
                      "with plain DAD and with optimistic DAD (RFC 4429) for the care-of address.\n"
                      "\n"
                      "  --seeds N             runs per DAD mode (default 20)\n"
                      "  --first-seed S        seed of the first run (default 1; then S+1, ...)\n"
                      "  --dad MODE            plain, optimistic or both (default both)\n"
                      "  --flow-interval-ms T  period of the correspondent's flow (default 20, 1..1000)\n"
                      "  --out DIR             output directory (default out/handover)\n"
                      "  --pcap                write each link's capture for the first seed to DIR/pcap/\n"
                      "  -h, --help            this text\n"
                      "\n"
                      "Single-run mode (the runner contract of scenarios/README.md, scenarios/run.py):\n"
                      "  --seed=N --out=DIR [--dad=plain|optimistic] [--flow_interval_ms=T] [--pcap=0|1]\n"
                      "runs one trip and writes DIR/results.json (and DIR/pcap/*.pcap with --pcap=1).\n"
                      "\n"
                      "Writes DIR/results.csv (one row per seed, mode and move) and DIR/summary.txt.\n"
                      "Exit status: 0 all runs completed, 1 a run failed (the others still ran),\n"
                      "2 bad arguments.\n";

struct Options {
	uint64_t seeds = 20, first_seed = 1, interval_ms = 20;
	std::vector<bool> modes{false, true}; // optimistic?
	std::string out = "out/handover";
	bool pcap = false;
};

[[noreturn]] void bad_usage(const std::string &msg)
{
	std::fprintf(stderr, "mip6-handover-exp: %s (try --help)\n", msg.c_str());
	std::exit(2);
}

uint64_t parse_uint(const std::string &opt, const char *v, uint64_t lo, uint64_t hi)
{
	char *end = nullptr;
	errno = 0;
	const unsigned long long x = std::strtoull(v, &end, 10);
	if (!*v || *end || errno || v[0] == '-' || x < lo || x > hi)
		bad_usage(opt + " wants a whole number in " + std::to_string(lo) + ".." + std::to_string(hi) +
		          ", not '" + v + "'");
	return x;
}

Options parse(int argc, char **argv)
{
	Options o;
	for (int i = 1; i < argc; i++) {
		const std::string a = argv[i];
		auto value = [&]() -> const char * {
			if (i + 1 >= argc)
				bad_usage(a + " needs a value");
			return argv[++i];
		};
		if (a == "-h" || a == "--help") {
			std::fputs(kUsage, stdout);
			std::exit(0);
		} else if (a == "--seeds") {
			o.seeds = parse_uint(a, value(), 1, 100000);
		} else if (a == "--first-seed") {
			o.first_seed = parse_uint(a, value(), 0, UINT64_MAX / 2);
		} else if (a == "--flow-interval-ms") {
			o.interval_ms = parse_uint(a, value(), 1, 1000);
		} else if (a == "--dad") {
			const std::string m = value();
			if (m == "plain")
				o.modes = {false};
			else if (m == "optimistic")
				o.modes = {true};
			else if (m == "both")
				o.modes = {false, true};
			else
				bad_usage("--dad wants plain, optimistic or both, not '" + m + "'");
		} else if (a == "--out") {
			o.out = value();
			if (o.out.empty())
				bad_usage("--out wants a directory");
		} else if (a == "--pcap") {
			o.pcap = true;
		} else {
			bad_usage("unknown argument '" + a + "'");
		}
	}
	return o;
}

const char *mode_name(bool optimistic)
{
	return optimistic ? "optimistic" : "plain";
}

double ms(mip6_ns_t d)
{
	return double(d) / 1e6;
}

// --- one run in a child process; results come back as text lines.

void write_all(int fd, const std::string &s)
{
	for (size_t off = 0; off < s.size();) {
		const ssize_t n = write(fd, s.data() + off, s.size() - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		off += size_t(n);
	}
}

std::string encode(const std::vector<MoveResult> &v)
{
	std::string s;
	char line[512];
	for (const MoveResult &m : v) {
		std::snprintf(line, sizeof line,
		              "M %s %" PRIu64 " %zu %zu %" PRIu64 " %" PRIu64 " %u %u %" PRIu64 " %" PRIu64
		              " %" PRIu64 "\n",
		              m.name.c_str(), uint64_t(m.gap), m.lost, m.echo_lost, uint64_t(m.registered),
		              uint64_t(m.optimised), m.mh.bu, m.mh.rr, m.mh.sent, m.mh.received,
		              uint64_t(m.at));
		s += line;
	}
	return s;
}

bool decode(const std::string &s, std::vector<MoveResult> &v, std::string &err)
{
	size_t pos = 0;
	while (pos < s.size()) {
		size_t nl = s.find('\n', pos);
		if (nl == std::string::npos)
			nl = s.size();
		const std::string line = s.substr(pos, nl - pos);
		pos = nl + 1;
		if (line.rfind("E ", 0) == 0) {
			err = line.substr(2);
			return false;
		}
		char name[64];
		uint64_t gap, reg, opt, at;
		MoveResult m;
		if (std::sscanf(line.c_str(),
		                "M %63s %" SCNu64 " %zu %zu %" SCNu64 " %" SCNu64 " %u %u %" SCNu64
		                " %" SCNu64 " %" SCNu64,
		                name, &gap, &m.lost, &m.echo_lost, &reg, &opt, &m.mh.bu, &m.mh.rr, &m.mh.sent,
		                &m.mh.received, &at) != 11) {
			err = "garbled result from the run: '" + line + "'";
			return false;
		}
		m.name = name;
		m.gap = gap;
		m.registered = reg;
		m.optimised = opt;
		m.at = at;
		v.push_back(m);
	}
	return true;
}

// Returns "" and the moves, or why the run failed.
std::string run_isolated(const TripParams &p, std::vector<MoveResult> &moves)
{
	int fds[2];
	if (pipe(fds) != 0)
		return std::string("pipe: ") + std::strerror(errno);
	std::fflush(nullptr);
	const pid_t pid = fork();
	if (pid < 0)
		return std::string("fork: ") + std::strerror(errno);
	if (pid == 0) {
		close(fds[0]);
		int rc = 0;
		try {
			write_all(fds[1], encode(run_trip(p)));
		} catch (const std::exception &e) {
			write_all(fds[1], std::string("E ") + e.what() + "\n");
			rc = 1;
		}
		close(fds[1]);
		std::fflush(nullptr);
		_exit(rc);
	}
	close(fds[1]);
	std::string text;
	char buf[4096];
	for (;;) {
		const ssize_t n = read(fds[0], buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		text.append(buf, size_t(n));
	}
	close(fds[0]);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
	}
	std::string err;
	const bool parsed = decode(text, moves, err);
	if (WIFSIGNALED(st))
		return "crashed (signal " + std::to_string(WTERMSIG(st)) + ")";
	if (!parsed)
		return err;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return "exited with status " + std::to_string(WEXITSTATUS(st));
	if (moves.size() != 3)
		return "reported " + std::to_string(moves.size()) + " moves, not 3";
	return "";
}

// --- summary

struct Stat {
	std::vector<double> gap;
	double lost = 0;
};

double median(std::vector<double> v)
{
	std::sort(v.begin(), v.end());
	const size_t n = v.size();
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string summary_text(const Options &o, const std::map<std::pair<int, std::string>, Stat> &stats,
                         const std::vector<std::string> &failures, unsigned runs)
{
	std::string s;
	char line[256];
	std::snprintf(line, sizeof line,
	              "Handover interruption (ms), seeds %" PRIu64 "..%" PRIu64 ", flow every %" PRIu64
	              " ms, %u runs, %zu failed\n\n",
	              o.first_seed, o.first_seed + o.seeds - 1, o.interval_ms, runs, failures.size());
	s += line;
	std::snprintf(line, sizeof line, "%-10s  %-9s  %4s  %9s  %9s  %9s  %9s  %9s\n", "dad", "move", "n",
	              "mean", "median", "min", "max", "lost/run");
	s += line;
	for (const auto &kv : stats) {
		const Stat &st = kv.second;
		const size_t n = st.gap.size();
		double sum = 0;
		for (double g : st.gap)
			sum += g;
		std::snprintf(line, sizeof line, "%-10s  %-9s  %4zu  %9.1f  %9.1f  %9.1f  %9.1f  %9.1f\n",
		              mode_name(kv.first.first / 10 != 0), kv.first.second.c_str(), n,
		              sum / double(n), median(st.gap),
		              *std::min_element(st.gap.begin(), st.gap.end()),
		              *std::max_element(st.gap.begin(), st.gap.end()), st.lost / double(n));
		s += line;
	}
	if (!failures.empty()) {
		s += "\nFailed runs:\n";
		for (const std::string &f : failures)
			s += "  " + f + "\n";
	}
	return s;
}

// --- single-run mode: the runner contract (scenarios/README.md).

struct Single {
	uint64_t seed = 1, interval_ms = 20;
	bool optimistic = false, pcap = false;
	std::string out;
};

bool is_single(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (std::strncmp(argv[i], "--seed=", 7) == 0)
			return true;
	return false;
}

Single parse_single(int argc, char **argv)
{
	Single s;
	bool have_out = false;
	for (int i = 1; i < argc; i++) {
		const std::string a = argv[i];
		const size_t eq = a.find('=');
		if (a.rfind("--", 0) != 0 || eq == std::string::npos)
			bad_usage("single-run mode wants --key=value arguments, not '" + a + "'");
		std::string k = a.substr(2, eq - 2);
		std::replace(k.begin(), k.end(), '-', '_');
		const std::string v = a.substr(eq + 1);
		if (k == "seed") {
			s.seed = parse_uint("--seed", v.c_str(), 0, UINT64_MAX / 2);
		} else if (k == "out") {
			s.out = v;
			have_out = !v.empty();
		} else if (k == "dad") {
			if (v != "plain" && v != "optimistic")
				bad_usage("--dad wants plain or optimistic in single-run mode, not '" + v +
				          "'");
			s.optimistic = v == "optimistic";
		} else if (k == "flow_interval_ms") {
			s.interval_ms = parse_uint("--flow_interval_ms", v.c_str(), 1, 1000);
		} else if (k == "pcap") {
			if (v == "1" || v == "true")
				s.pcap = true;
			else if (v == "0" || v == "false")
				s.pcap = false;
			else
				bad_usage("--pcap wants 0, 1, true or false, not '" + v + "'");
		} else {
			bad_usage("unknown parameter '" + k + "'");
		}
	}
	if (!have_out)
		bad_usage("single-run mode needs --out=DIR");
	return s;
}

std::string json_str(const std::string &v)
{
	std::string r = "\"";
	for (char c : v) {
		if (c == '"' || c == '\\')
			r += '\\';
		r += c;
	}
	return r + "\"";
}

std::string json_ms(mip6_ns_t d)
{
	char b[64];
	std::snprintf(b, sizeof b, "%.3f", ms(d));
	return b;
}

// What this program can measure, mapped to the contract's breakdown: the
// interruption and the loss are measured from the delivered traffic; the
// binding times are taken from the move. It cannot tell link-layer, movement
// detection and DAD apart (the harness does not expose those instants), so
// l2_ms, md_ms and dad_ms are null and reg_ms spans from the move to the home
// agent's binding (coming home: its removal), everything before included.
// rr_ms is from the home agent's binding to the correspondent's (return
// routability plus the BU to the correspondent). No RTT is measured: phases
// is empty.
int run_single(const Single &s)
{
	namespace fs = std::filesystem;
	std::error_code ec;
	fs::create_directories(fs::path(s.out) / (s.pcap ? "pcap" : ""), ec);
	if (ec) {
		std::fprintf(stderr, "mip6-handover-exp: cannot create %s: %s\n", s.out.c_str(),
		             ec.message().c_str());
		return 1;
	}
	TripParams p;
	p.seed = s.seed;
	p.optimistic = s.optimistic;
	p.interval = MIP6_MS(s.interval_ms);
	if (s.pcap)
		p.pcap_prefix = (fs::path(s.out) / "pcap" / "run").string();
	std::vector<MoveResult> moves;
	const std::string err = run_isolated(p, moves);
	if (!err.empty()) {
		std::fprintf(stderr, "mip6-handover-exp: seed %" PRIu64 " %s: %s\n", s.seed,
		             mode_name(s.optimistic), err.c_str());
		return 1;
	}
	std::string j = "{\"scenario\": \"handover_harness\", \"seed\": " + std::to_string(s.seed) +
	                ", \"params\": {\"dad\": " + json_str(mode_name(s.optimistic)) +
	                ", \"flow_interval_ms\": " + std::to_string(s.interval_ms) +
	                ", \"pcap\": " + (s.pcap ? "true" : "false") + "},\n \"handovers\": [";
	for (size_t k = 0; k < moves.size(); k++) {
		const MoveResult &m = moves[k];
		const bool rr = m.optimised >= m.registered;
		char t[32];
		std::snprintf(t, sizeof t, "%.6f", double(m.at) / 1e9);
		j += std::string(k ? ",\n  " : "\n  ") + "{\"move\": " + json_str(m.name) +
		     ", \"t_s\": " + t +
		     ", \"l2_ms\": null, \"md_ms\": null, \"dad_ms\": null, \"reg_ms\": " +
		     json_ms(m.registered) +
		     ", \"rr_ms\": " + (rr ? json_ms(m.optimised - m.registered) : "null") +
		     ", \"interruption_ms\": " + json_ms(m.gap) + ", \"lost\": " + std::to_string(m.lost) +
		     ", \"flow\": \"cn-udp-echo\", \"lost_echoes\": " + std::to_string(m.echo_lost) +
		     ", \"registered_ms\": " + json_ms(m.registered) +
		     ", \"optimised_ms\": " + json_ms(m.optimised) + "}";
	}
	j += "],\n \"phases\": [],\n \"pcaps\": [";
	std::vector<std::string> pcaps;
	if (s.pcap)
		for (const auto &e : fs::directory_iterator(fs::path(s.out) / "pcap", ec))
			pcaps.push_back(fs::relative(e.path(), s.out).string());
	std::sort(pcaps.begin(), pcaps.end());
	for (size_t k = 0; k < pcaps.size(); k++)
		j += (k ? ", " : "") + json_str(pcaps[k]);
	j += "]}\n";
	// Atomically: a results.json that exists is complete.
	const std::string path = (fs::path(s.out) / "results.json").string(), tmp = path + ".tmp";
	FILE *f = std::fopen(tmp.c_str(), "w");
	const bool ok = f && std::fputs(j.c_str(), f) >= 0 && std::fflush(f) == 0 && fsync(fileno(f)) == 0;
	if (f)
		std::fclose(f);
	if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
		std::fprintf(stderr, "mip6-handover-exp: cannot write %s: %s\n", path.c_str(),
		             std::strerror(errno));
		return 1;
	}
	return 0;
}

} // namespace

int main(int argc, char **argv)
{
	if (is_single(argc, argv))
		return run_single(parse_single(argc, argv));
	const Options o = parse(argc, argv);
	namespace fs = std::filesystem;
	std::error_code ec;
	fs::create_directories(o.out, ec);
	if (ec) {
		std::fprintf(stderr, "mip6-handover-exp: cannot create %s: %s\n", o.out.c_str(),
		             ec.message().c_str());
		return 1;
	}
	if (o.pcap) {
		fs::create_directories(fs::path(o.out) / "pcap", ec);
		if (ec) {
			std::fprintf(stderr, "mip6-handover-exp: cannot create %s/pcap: %s\n", o.out.c_str(),
			             ec.message().c_str());
			return 1;
		}
	}
	const std::string csv_path = (fs::path(o.out) / "results.csv").string();
	FILE *csv = std::fopen(csv_path.c_str(), "w");
	if (!csv) {
		std::fprintf(stderr, "mip6-handover-exp: cannot write %s: %s\n", csv_path.c_str(),
		             std::strerror(errno));
		return 1;
	}
	std::fputs("seed,dad,move,interruption_ms,lost_packets,lost_echoes,registered_ms,optimised_ms,"
	           "bu_sent,rr_sent,mh_sent,mh_received\n",
	           csv);
	std::fflush(csv);

	// Keyed by (move index + 10 * optimistic, move name): the table's order.
	std::map<std::pair<int, std::string>, Stat> stats;
	std::vector<std::string> failures;
	unsigned runs = 0;
	for (uint64_t i = 0; i < o.seeds; i++) {
		const uint64_t seed = o.first_seed + i;
		for (bool optimistic : o.modes) {
			TripParams p;
			p.seed = seed;
			p.optimistic = optimistic;
			p.interval = MIP6_MS(o.interval_ms);
			if (o.pcap && i == 0)
				p.pcap_prefix =
				    (fs::path(o.out) / "pcap" /
				     ("seed" + std::to_string(seed) + "-" + mode_name(optimistic)))
				        .string();
			std::fprintf(stderr, "seed %" PRIu64 " (%" PRIu64 "/%" PRIu64 ") %-10s ... ", seed,
			             i + 1, o.seeds, mode_name(optimistic));
			std::vector<MoveResult> moves;
			const std::string err = run_isolated(p, moves);
			runs++;
			if (!err.empty()) {
				std::fprintf(stderr, "FAILED: %s\n", err.c_str());
				failures.push_back("seed " + std::to_string(seed) + " " +
				                   mode_name(optimistic) + ": " + err);
				continue;
			}
			for (size_t k = 0; k < moves.size(); k++) {
				const MoveResult &m = moves[k];
				std::fprintf(csv,
				             "%" PRIu64 ",%s,%s,%.3f,%zu,%zu,%.3f,%.3f,%u,%u,%" PRIu64
				             ",%" PRIu64 "\n",
				             seed, mode_name(optimistic), m.name.c_str(), ms(m.gap), m.lost,
				             m.echo_lost, ms(m.registered), ms(m.optimised), m.mh.bu, m.mh.rr,
				             m.mh.sent, m.mh.received);
				Stat &st = stats[{int(k) + (optimistic ? 10 : 0), m.name}];
				st.gap.push_back(ms(m.gap));
				st.lost += double(m.lost);
				std::fprintf(stderr, "%s%s %.1f ms", k ? ", " : "ok: ", m.name.c_str(),
				             ms(m.gap));
			}
			std::fputc('\n', stderr);
			std::fflush(csv);
		}
	}
	const bool csv_ok = std::fclose(csv) == 0;

	const std::string sum = summary_text(o, stats, failures, runs);
	const std::string sum_path = (fs::path(o.out) / "summary.txt").string();
	FILE *sf = std::fopen(sum_path.c_str(), "w");
	const bool sum_ok = sf && std::fputs(sum.c_str(), sf) >= 0 && std::fclose(sf) == 0;
	if (!csv_ok || !sum_ok) {
		std::fprintf(stderr, "mip6-handover-exp: writing %s failed\n",
		             csv_ok ? sum_path.c_str() : csv_path.c_str());
		return 1;
	}
	std::fprintf(stderr, "wrote %s and %s\n", csv_path.c_str(), sum_path.c_str());
	if (!failures.empty()) {
		std::fprintf(stderr, "mip6-handover-exp: %zu of %u runs failed:\n", failures.size(), runs);
		for (const std::string &f : failures)
			std::fprintf(stderr, "  %s\n", f.c_str());
		return 1;
	}
	return 0;
}
