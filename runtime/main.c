/* main.c — the C entry of every dodo program. Compiled code provides
 * dodo_entry (Run's code and its module context); dodo_main does the rest.
 * Exit statuses: enum DodoExit in dodo_runtime.h. */
#include "dodo_runtime.h"

int main(int argc, char **argv)
{
    (void)argc; /* dodo programs take no arguments yet */
    (void)argv;
    return dodo_main(dodo_entry[0], dodo_entry[1]);
}
