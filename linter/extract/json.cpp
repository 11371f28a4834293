#include "extract/formats.h"

namespace portpolicy::extract {

void extract_json(const ExtractContext& ctx) { (void)ctx; }

}  // namespace portpolicy::extract
