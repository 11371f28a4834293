#include "extract/formats.h"

namespace portpolicy::extract {

void extract_env(const ExtractContext& ctx) { (void)ctx; }

}  // namespace portpolicy::extract
