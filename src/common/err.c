/* SPDX-License-Identifier: ISC */
/* Text for the project-wide error codes. */
#include <sotto/common.h>

const char *
sotto_strerror(sotto_err rc)
{
    switch (rc) {
    case SOTTO_OK:
        return "success";
    case SOTTO_E_NOMEM:
        return "out of memory";
    case SOTTO_E_INVAL:
        return "invalid argument or encoding";
    case SOTTO_E_AGAIN:
        return "try again";
    case SOTTO_E_PROTO:
        return "protocol violation";
    case SOTTO_E_AUTH:
        return "authentication failed";
    case SOTTO_E_TOOBIG:
        return "too big";
    case SOTTO_E_STATE:
        return "invalid state";
    case SOTTO_E_IO:
        return "I/O error";
    case SOTTO_E_CRYPTO:
        return "crypto library failure";
    }
    return "unknown error";
}
