#include "extract/formats.h"

namespace portpolicy::extract {

void extract_yaml(const ExtractContext& ctx) { (void)ctx; }

}  // namespace portpolicy::extract
