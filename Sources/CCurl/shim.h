#ifndef PANTAU_CCURL_SHIM_H
#define PANTAU_CCURL_SHIM_H
// curl_easy_setopt / curl_easy_getinfo / curl_multi_setopt are variadic macros-over-functions
// that Swift cannot call; these typed wrappers give one entry point per argument type.
#include <curl/curl.h>

static inline CURLcode pantau_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pantau_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pantau_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pantau_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pantau_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pantau_easy_setopt_write_callback(CURL *h, CURLoption o,
    size_t (*cb)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, o, cb); }
static inline CURLcode pantau_easy_setopt_xferinfo_callback(CURL *h, CURLoption o,
    int (*cb)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t)) { return curl_easy_setopt(h, o, cb); }

static inline CURLcode pantau_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pantau_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pantau_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pantau_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pantau_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }

// CURLOPT_HEADERFUNCTION has the write callback's shape; a named wrapper keeps call sites honest.
static inline CURLcode pantau_easy_setopt_header_callback(CURL *h,
    size_t (*cb)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, cb); }

// CURLMsg.data is a C union; reading it here avoids depending on how Swift imports unions.
static inline CURLMSG pantau_msg_kind(const CURLMsg *m) { return m->msg; }
static inline CURL *pantau_msg_easy(const CURLMsg *m) { return m->easy_handle; }
static inline CURLcode pantau_msg_result(const CURLMsg *m) { return m->data.result; }

static inline CURLMcode pantau_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

#endif
