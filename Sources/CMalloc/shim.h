// glibc's allocator tunables (mallopt), which Swift's Glibc module does not include.
#ifdef __linux__
#include <malloc.h>
#endif
