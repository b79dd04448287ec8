/* gen.c - unity build of the ocr16 generator */
#include "core.c"
#include "effects.c"
#include "codec.c"
#include "pipeline.c"
#include "data.c"
#include "page.c"
#include "docs.c"
#include "main.c"
