# SPDX-License-Identifier: BSD-3-Clause
"""mip6tool rr reproduces generated/rr_vectors.out (RFC 6275 5.2.5 and 6.2.7,
computed there with Python's hmac/hashlib), and validates its arguments."""
import re

from tooltest import Test

t = Test("tool_rr")
t.need_corpus()
with open(t.pcap("generated", "rr_vectors.out")) as f:
    V = f.read()


def field(pattern):
    m = re.search(pattern, V, re.M)
    if not m:
        t.fail("rr_vectors.out: %r not found" % pattern)
        return "00"
    return m.group(1)


kcn = field(r"^Kcn\s+([0-9a-f]+)")
hnonce = field(r"^home nonce\s+([0-9a-f]+)")
cnonce = field(r"^care-of nonce\s+([0-9a-f]+)")
hoa = field(r"HoA (\S+)")
coa = field(r"CoA (\S+)")
cn = field(r"CN (\S+)")
hkt = field(r"^home keygen token\s+([0-9a-f]+)")
ckt = field(r"^care-of keygen token\s+([0-9a-f]+)")
kbm = field(r"^Kbm\s+([0-9a-f]+)")
kbm_dereg = field(r"^Kbm \(de-registration\)\s+([0-9a-f]+)")
sections = V.split("== ")
bu = next(s for s in sections if s.startswith("RFC 6275 6.2.7 Binding Update"))
ba = next(s for s in sections if s.startswith("Binding Acknowledgement"))


def sec(s, name):
    return re.search(name + r"\s+(\S+)", s).group(1)


def rr(*args, rc=0):
    code, out, err = t.run("rr", *args)
    t.eq(code, rc, "rr %s: exit status (stderr %r)" % (" ".join(args), err))
    return out.split("\n")[0] if out else "", out, err


t.eq(rr("keygen", "--kcn", kcn, "--addr", hoa, "--nonce", hnonce, "--home")[0], hkt, "home keygen token")
t.eq(rr("keygen", "--kcn", kcn, "--addr", coa, "--nonce", cnonce, "--care-of")[0], ckt, "care-of keygen token")
t.eq(rr("keygen", "--kcn=0x" + kcn, "--addr=" + hoa, "--nonce=" + hnonce.upper(), "--home")[0], hkt,
     "keygen with --opt=VALUE, 0x and upper case")
t.eq(rr("kbm", "--home-token", hkt, "--care-of-token", ckt)[0], kbm, "Kbm")
t.eq(rr("kbm", "--home-token", hkt)[0], kbm_dereg, "de-registration Kbm")

for name, s, c, n in (("BU", bu, coa, cn), ("BA", ba, coa, cn)):
    data = sec(s, r"MH Data \(cksum=0, no authenticator\)")
    auth = sec(s, r"Authenticator")
    whole = sec(s, r"complete MH")
    t.eq(rr("auth", "--kbm", kbm, "--coa", c, "--cn", n, "--mh", data)[0], auth, name + " authenticator from MH data")
    first, out, _ = rr("auth", "--kbm", kbm, "--coa", c, "--cn", n, "--mh", whole)
    t.eq(first, auth, name + " authenticator from the complete MH")
    t.check("match: the MH carries this authenticator" in out, name + ": complete MH verified")
    bad = whole[:-2] + ("00" if whole[-2:] != "00" else "01")
    first, out, _ = rr("auth", "--kbm", kbm, "--coa", c, "--cn", n, "--mh", bad, rc=1)
    t.eq(first, auth, name + ": authenticator printed for a tampered MH")
    t.check("mismatch: the MH carries " + bad[-24:] in out, name + ": tampered MH reported")
    # A wrong key does not verify either.
    rr("auth", "--kbm", kbm_dereg, "--coa", c, "--cn", n, "--mh", whole, rc=1)

# De-registration: Kbm = SHA1(home token), care-of address = HoA (6.2.7).
# The vector file gives only the authenticator; its MH data is the BU above
# with the next sequence number (0x1235), lifetime 0 and care-of nonce
# index 0 (the CN ignores it when de-registering).
dereg = re.search(r"de-registration BU.*\n\s*Authenticator\s+(\S+)", V).group(1)
t.eq(rr("auth", "--kbm", kbm_dereg, "--coa", hoa, "--cn", cn, "--mh", "3b0305000000123580000000040400010000050c")[0],
     dereg, "de-registration BU authenticator")

# Validation: clear messages, exit 2 (a bad command line).
BAD = [
    (("keygen", "--kcn", kcn[:-2], "--addr", hoa, "--nonce", hnonce, "--home"), "--kcn must be 20 bytes"),
    (("keygen", "--kcn", kcn + "zz", "--addr", hoa, "--nonce", hnonce, "--home"), "--kcn: not hexadecimal: 'z'"),
    (("keygen", "--kcn", kcn, "--addr", "2001:db8::zz", "--nonce", hnonce, "--home"), "is not an IPv6 address"),
    (("keygen", "--kcn", kcn, "--addr", hoa, "--nonce", "123", "--home"), "odd number of hex digits"),
    (("keygen", "--kcn", kcn, "--addr", hoa, "--nonce", "", "--home"), "--nonce is empty"),
    (("keygen", "--kcn", kcn, "--addr", hoa, "--nonce", hnonce), "exactly one of --home and --care-of"),
    (("keygen", "--kcn", kcn, "--addr", hoa, "--nonce", hnonce, "--home", "--care-of"), "exactly one of"),
    (("keygen", "--kcn", kcn, "--nonce", hnonce, "--home"), "are required"),
    (("keygen", "--kcn"), "missing value after '--kcn'"),
    (("kbm", "--home-token", hkt + "00"), "--home-token must be 8 bytes"),
    (("kbm", "--home-token", hkt, "--care-of-token", "abc"), "odd number of hex digits"),
    (("kbm",), "--home-token is required"),
    (("auth", "--kbm", kbm[:8], "--coa", coa, "--cn", cn, "--mh", "3b00"), "--kbm must be 20 bytes"),
    (("auth", "--kbm", kbm, "--coa", coa, "--cn", cn, "--mh", "3b00"), "at least the 6-byte MH header"),
    (("auth", "--kbm", kbm, "--coa", coa, "--cn", "x", "--mh", "3b0000000000"), "--cn: 'x' is not an IPv6 address"),
    (("auth", "--kbm", kbm, "--coa", coa, "--cn", cn, "--nonce", "00"), "unknown argument '--nonce'"),
    (("frobnicate",), "unknown computation 'frobnicate'"),
    ((), "which computation"),
]
for args, msg in BAD:
    code, out, err = t.run("rr", *args)
    t.eq(code, 2, "rr %s: exit status" % " ".join(args))
    t.check(msg in err, "rr %s: message %r in %r" % (" ".join(args), msg, err))
    t.eq(out, "", "rr %s: nothing on stdout" % " ".join(args))

t.finish()
