#include "extract/formats.h"

namespace portpolicy::extract {

void extract_toml(const ExtractContext& ctx) { (void)ctx; }

}  // namespace portpolicy::extract
