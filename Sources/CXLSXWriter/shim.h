// libxlsxwriter (Debian: libxlsxwriter-dev), the writer of `report --format xlsx`.
#include <xlsxwriter.h>
