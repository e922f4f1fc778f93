/* SPDX-License-Identifier: BSD-3-Clause */
/* Reading JSON values for craft, each error naming the field's path. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tool.h"

size_t tool_jin_push(tool_jin_t *c, const char *key)
{
	size_t old = strlen(c->path);
	snprintf(c->path + old, sizeof(c->path) - old, "%s%s", old ? "." : "", key);
	return old;
}

size_t tool_jin_push_index(tool_jin_t *c, size_t i)
{
	size_t old = strlen(c->path);
	snprintf(c->path + old, sizeof(c->path) - old, "[%zu]", i);
	return old;
}

void tool_jin_pop(tool_jin_t *c, size_t oldlen)
{
	c->path[oldlen] = '\0';
}

int tool_jin_err(tool_jin_t *c, const char *fmt, ...)
{
	char m[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	if (c->path[0])
		snprintf(c->msg, sizeof(c->msg), "%s: %s", c->path, m);
	else
		snprintf(c->msg, sizeof(c->msg), "%s", m);
	return -1;
}

/* An error about obj[key]: the path includes the key. */
__attribute__((format(printf, 3, 4))) static int key_err(tool_jin_t *c, const char *key, const char *fmt, ...)
{
	char m[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	size_t old = tool_jin_push(c, key);
	tool_jin_err(c, "%s", m);
	tool_jin_pop(c, old);
	return -1;
}

int tool_jin_keys(tool_jin_t *c, json_t *obj, const char *const *known)
{
	if (!json_is_object(obj))
		return tool_jin_err(c, "expected a JSON object");
	const char *key;
	json_t *val;
	json_object_foreach(obj, key, val)
	{
		bool ok = false;
		for (const char *const *k = known; *k && !ok; k++)
			ok = strcmp(*k, key) == 0;
		if (!ok)
			return key_err(c, key, "unknown field here");
	}
	return 0;
}

static const char *type_of(json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a real number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

int tool_jin_uint(tool_jin_t *c, json_t *obj, const char *key, bool required, unsigned long long max,
                  unsigned long long *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			return key_err(c, key, "required field missing");
		return 0;
	}
	unsigned long long x;
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);
		if (i < 0)
			return key_err(c, key, "must not be negative (0..%llu)", max);
		x = (unsigned long long)i;
	} else if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;
		bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
		if (s[0] == '\0' || s[0] == '-' || s[0] == '+' || s[0] == ' ')
			return key_err(c, key, "\"%s\" is not a number", s);
		errno = 0;
		x = strtoull(s, &end, hex ? 16 : 10);
		if (*end || errno || (hex && s[2] == '\0'))
			return key_err(c, key, "\"%s\" is not a number (decimal or 0x hex)", s);
	} else {
		return key_err(c, key, "expected an integer 0..%llu, got %s", max, type_of(v));
	}
	if (x > max)
		return key_err(c, key, "%llu is out of range 0..%llu", x, max);
	*out = x;
	return 1;
}

int tool_jin_bool(tool_jin_t *c, json_t *obj, const char *key, bool *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return key_err(c, key, "expected true or false, got %s", type_of(v));
	*out = json_is_true(v);
	return 1;
}

static int get_string(tool_jin_t *c, json_t *obj, const char *key, bool required, const char **out)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			return key_err(c, key, "required field missing");
		return 0;
	}
	if (!json_is_string(v))
		return key_err(c, key, "expected a string, got %s", type_of(v));
	*out = json_string_value(v);
	return 1;
}

int tool_jin_addr(tool_jin_t *c, json_t *obj, const char *key, bool required, mip6_addr_t *out)
{
	const char *s = NULL;
	int r = get_string(c, obj, key, required, &s);
	if (r <= 0)
		return r;
	if (mip6_addr_pton(s, out) != 0)
		return key_err(c, key, "\"%s\" is not an IPv6 address", s);
	return 1;
}

int tool_jin_hexn(tool_jin_t *c, json_t *obj, const char *key, bool required, uint8_t *out, size_t n)
{
	const char *s = NULL;
	int r = get_string(c, obj, key, required, &s);
	if (r <= 0)
		return r;
	uint8_t buf[256];
	char msg[128];
	long got = tool_unhex(s, buf, sizeof(buf), msg, sizeof(msg));
	if (got < 0)
		return key_err(c, key, "%s", msg);
	if ((size_t)got != n)
		return key_err(c, key, "must be %zu bytes (%zu hex digits), got %ld", n, 2 * n, got);
	memcpy(out, buf, n);
	return 1;
}

int tool_jin_hexv(tool_jin_t *c, json_t *obj, const char *key, bool required, const uint8_t **out, size_t *n,
                  size_t max)
{
	const char *s = NULL;
	int r = get_string(c, obj, key, required, &s);
	if (r <= 0)
		return r;
	size_t room = c->arena_cap - c->arena_used;
	if (room > max)
		room = max;
	char msg[128];
	uint8_t *at = c->arena + c->arena_used;
	long got = tool_unhex(s, at, room, msg, sizeof(msg));
	if (got < 0)
		return key_err(c, key, "%s", msg);
	c->arena_used += (size_t)got;
	*out = at;
	*n = (size_t)got;
	return 1;
}

int tool_jin_flags(tool_jin_t *c, json_t *obj, const struct tool_flagset *fs, unsigned max, unsigned *out)
{
	unsigned long long raw = 0;
	if (tool_jin_uint(c, obj, "flags_raw", false, max, &raw) < 0)
		return -1;
	unsigned v = (unsigned)raw;
	json_t *f = json_object_get(obj, "flags");
	if (f && !json_is_null(f)) {
		size_t old = tool_jin_push(c, "flags");
		if (!json_is_object(f)) {
			tool_jin_err(c, "expected an object of named booleans");
			return -1;
		}
		const char *key;
		json_t *val;
		json_object_foreach(f, key, val)
		{
			const struct tool_flag *hit = NULL;
			for (size_t i = 0; i < fs->n; i++)
				if (strcmp(fs->f[i].name, key) == 0)
					hit = &fs->f[i];
			if (!hit) {
				char names[64] = "";
				for (size_t i = 0; i < fs->n; i++)
					snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
					         i ? " " : "", fs->f[i].name);
				return key_err(c, key, "unknown flag (known: %s)", names);
			}
			bool b = false;
			if (tool_jin_bool(c, f, key, &b) < 0)
				return -1;
			v = b ? (v | hit->bit) : (v & ~hit->bit);
		}
		tool_jin_pop(c, old);
	}
	*out = v;
	return 0;
}

int tool_jin_type(tool_jin_t *c, json_t *obj, const char *key, bool required, const char *(*names)(uint8_t),
                  uint8_t *out)
{
	json_t *v = json_object_get(obj, key);
	if (v && json_is_string(v)) {
		const char *s = json_string_value(v);
		for (unsigned t = 0; t < 256; t++) {
			const char *n = names((uint8_t)t);
			if (n && strcasecmp(n, s) == 0) {
				*out = (uint8_t)t;
				return 1;
			}
		}
		/* Not a name: maybe a number in a string. */
		if (s[0] < '0' || s[0] > '9')
			return key_err(c, key, "unknown type name \"%s\"", s);
	}
	unsigned long long t;
	int r = tool_jin_uint(c, obj, key, required, 255, &t);
	if (r > 0)
		*out = (uint8_t)t;
	return r;
}
