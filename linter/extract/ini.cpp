#include "extract/formats.h"

namespace portpolicy::extract {

void extract_ini(const ExtractContext& ctx) { (void)ctx; }

}  // namespace portpolicy::extract
