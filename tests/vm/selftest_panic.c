// SPDX-License-Identifier: MIT
// Harness self-test: an /init that exits. The kernel panics ("Attempted to
// kill init"); the VM runner must report the panic.
int main(void) { return 0; }
