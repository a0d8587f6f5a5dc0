/*
 * hash: SHA-256 through OpenSSL's libcrypto EVP interface (no hand-rolled
 * cryptography).  A struct hasher is reused across many digests, so that
 * verifying a long chain allocates nothing per event.
 */
#ifndef SPINELOG_HASH_H
#define SPINELOG_HASH_H

#include <stddef.h>

#define HASH_HEX_LEN 65		/* 64 hex digits + NUL */

struct hasher;

struct hasher *hasher_new(void);
void hasher_free(struct hasher *h);
void hasher_start(struct hasher *h);
void hasher_add(struct hasher *h, const void *p, size_t n);
void hasher_hex(struct hasher *h, char out[HASH_HEX_LEN]);	/* finishes the digest */

/* One-shot digest of a buffer. */
void sha256_hex(const void *p, size_t n, char out[HASH_HEX_LEN]);

#endif
