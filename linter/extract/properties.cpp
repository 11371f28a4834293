#include "extract/formats.h"

namespace portpolicy::extract {

void extract_properties(const ExtractContext& ctx) { (void)ctx; }

}  // namespace portpolicy::extract
