// The generator's allocator settings, which jemalloc reads as the program starts. Linked only
// where the generator is built with jemalloc (not under the sanitizers, which bring their own
// allocator).
//
// Why jemalloc: a cold build of a 1,000-page book touches some 200 MB of fresh memory, and
// where a page fault is dear (a virtual machine, as CI's) glibc's malloc took 48,000 of them,
// a sixth of the build's time. jemalloc backs its heap with transparent huge pages, one fault
// for 2 MB: 4,800 faults, and the build a quarter faster. Where the kernel has transparent
// huge pages turned off, the setting does nothing.
extern "C" {
const char* malloc_conf = "thp:always,metadata_thp:always";
}
