#include "extract/formats.h"

namespace portpolicy::extract {

void extract_dockerfile(const ExtractContext& ctx) { (void)ctx; }

}  // namespace portpolicy::extract
