// The hints are inline functions of the header; a C target needs one source file.
#include "hantm_prefetch.h"
