/* SHA-256 via libcrypto's EVP interface; any failure there is a bug or OOM. */
#include "hash.h"

#include <openssl/evp.h>
#include <stdlib.h>

#include "util.h"

struct hasher {
	EVP_MD_CTX *ctx;
	EVP_MD *md;	/* fetched once: EVP_sha256() at each start looks it up again,
			 * under a lock, which verify would do a million times */
};

struct hasher *
hasher_new(void)
{
	struct hasher *h = xmalloc(sizeof *h);
	h->ctx = EVP_MD_CTX_new();
	if (h->ctx == NULL)
		die("libcrypto: cannot allocate a digest context");
	h->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (h->md == NULL)
		die("libcrypto: SHA-256 is not available");
	return h;
}

void
hasher_free(struct hasher *h)
{
	if (h == NULL)
		return;
	EVP_MD_CTX_free(h->ctx);
	EVP_MD_free(h->md);
	free(h);
}

void
hasher_start(struct hasher *h)
{
	if (EVP_DigestInit_ex(h->ctx, h->md, NULL) != 1)
		die("libcrypto: SHA-256 is not available");
}

void
hasher_add(struct hasher *h, const void *p, size_t n)
{
	if (EVP_DigestUpdate(h->ctx, p, n) != 1)
		die("libcrypto: SHA-256 update failed");
}

void
hasher_hex(struct hasher *h, char out[HASH_HEX_LEN])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_DigestFinal_ex(h->ctx, md, &n) != 1 || n != 32)
		die("libcrypto: SHA-256 final failed");
	for (unsigned i = 0; i < n; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

void
sha256_hex(const void *p, size_t n, char out[HASH_HEX_LEN])
{
	struct hasher *h = hasher_new();
	hasher_start(h);
	hasher_add(h, p, n);
	hasher_hex(h, out);
	hasher_free(h);
}
