#ifndef PANTAU_CYAML_SHIM_H
#define PANTAU_CYAML_SHIM_H
#include <yaml.h>
#endif
