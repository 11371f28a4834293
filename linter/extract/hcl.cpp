#include "extract/formats.h"

namespace portpolicy::extract {

void extract_hcl(const ExtractContext& ctx) { (void)ctx; }

}  // namespace portpolicy::extract
