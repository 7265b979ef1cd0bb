// What the Crypto module needs from the system's libcrypto (Debian's libssl-dev,
// OpenSSL 3): the EVP digest, cipher and random APIs, the one-shot HMAC and
// CRYPTO_memcmp. The GCM control codes are macros defined through other macros, which
// Swift's importer does not follow, so they are restated here as constants.
#ifndef PERCOLATOR_CCRYPTO_SHIM_H
#define PERCOLATOR_CCRYPTO_SHIM_H

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

/// EVP_CTRL_GCM_SET_IVLEN: sets the nonce length of an AES-GCM context.
static const int percolator_gcm_set_ivlen = EVP_CTRL_GCM_SET_IVLEN;
/// EVP_CTRL_GCM_GET_TAG: reads the tag after EVP_EncryptFinal_ex.
static const int percolator_gcm_get_tag = EVP_CTRL_GCM_GET_TAG;
/// EVP_CTRL_GCM_SET_TAG: sets the expected tag before EVP_DecryptFinal_ex.
static const int percolator_gcm_set_tag = EVP_CTRL_GCM_SET_TAG;

#endif
