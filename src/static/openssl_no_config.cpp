// Linked into the static release binary only (CERTLINT_STATIC in CMakeLists.txt). On first
// use OpenSSL reads the host's openssl.cnf, which may name provider or engine modules it
// then loads with dlopen: shared objects built against another libcrypto and another glibc.
// certlint only parses certificates, which needs no configuration, so the static binary
// initialises libcrypto without it, before main runs.
#include <openssl/crypto.h>

namespace {

struct InitWithoutConfig {
    InitWithoutConfig() { OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr); }
};
const InitWithoutConfig kInit;

}  // namespace
