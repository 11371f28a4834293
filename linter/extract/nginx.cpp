#include "extract/formats.h"

namespace portpolicy::extract {

void extract_nginx(const ExtractContext& ctx) { (void)ctx; }

}  // namespace portpolicy::extract
