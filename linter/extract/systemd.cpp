#include "extract/formats.h"

namespace portpolicy::extract {

void extract_systemd(const ExtractContext& ctx) { (void)ctx; }

}  // namespace portpolicy::extract
