// SPDX-License-Identifier: MIT
// Where coroutine frames live: fring/co allocates nothing. A coroutine
// returning co::Task takes a FrameStorage& as its first parameter (after the
// object, for a member function or lambda); its frame, and the records of its
// streams, come from that storage. FramePool is a fixed pool of equal slots
// in the caller's memory; any type with allocate()/deallocate() plugs in
// through FrameStorage's constructor.
#ifndef FRING_CO_STORAGE_H
#define FRING_CO_STORAGE_H

#include <stddef.h>
#include <stdint.h>

namespace fring::co {

/// A type-erased reference to the memory that coroutine frames come from,
/// plus the count of frames and stream records it holds that wait for their
/// last CQE (draining()). One per thread: it is not synchronised.
/// Plug in an allocator by passing any object with
/// `void* allocate(size_t bytes)` (nullptr when full; 16-byte aligned) and
/// `void deallocate(void* p, size_t bytes)` to the constructor; it must
/// outlive the storage. No liburing equivalent (liburing has no coroutine
/// layer). Any kernel.
class FrameStorage {
 public:
  /// Storage that draws from `allocator` (see the class comment). No
  /// liburing equivalent. Any kernel.
  template <class A>
  explicit FrameStorage(A& allocator) noexcept
      : self_(&allocator),
        allocate_([](void* self, size_t bytes) noexcept -> void* {
          return static_cast<A*>(self)->allocate(bytes);
        }),
        deallocate_([](void* self, void* p, size_t bytes) noexcept {
          static_cast<A*>(self)->deallocate(p, bytes);
        }) {}

  FrameStorage(const FrameStorage&) = delete;
  FrameStorage& operator=(const FrameStorage&) = delete;

  /// `bytes` of memory aligned to 16, or nullptr when the allocator is full.
  /// No liburing equivalent. Any kernel.
  [[nodiscard]] void* allocate(size_t bytes) noexcept { return allocate_(self_, bytes); }

  /// Gives back memory that allocate(`bytes`) returned. No liburing
  /// equivalent. Any kernel.
  void deallocate(void* p, size_t bytes) noexcept { deallocate_(self_, p, bytes); }

  /// Frames of destroyed tasks and records of dropped streams that still wait
  /// for a CQE from the kernel; the ring must be reaped until this is 0
  /// before it is closed (co::drain()). No liburing equivalent. Any kernel.
  [[nodiscard]] unsigned draining() const noexcept { return draining_; }

  // The layer's own bookkeeping (task.h, stream.h).
  void add_draining() noexcept { ++draining_; }
  void sub_draining() noexcept { --draining_; }

 private:
  void* self_;
  void* (*allocate_)(void*, size_t) noexcept;
  void (*deallocate_)(void*, void*, size_t) noexcept;
  unsigned draining_ = 0;
};

/// A FrameStorage of `kSlots` slots of `kSlotBytes` each, inside the object
/// (no heap): a static, a global or a stack object. A request larger than a
/// slot, or made when every slot is taken, gets nullptr, so creating a task
/// returns one whose error() is Errno::enomem. Frame sizes are the
/// compiler's: pick kSlotBytes from the largest frame, and from the stream
/// records (112 bytes plus 8 per item of their capacity). Its
/// constructor links the slots: in a program without libc's start files,
/// where no global constructor runs, make it in fring_main().
/// No liburing equivalent. Any kernel.
template <size_t kSlotBytes, size_t kSlots>
class FramePool : public FrameStorage {
  static_assert(kSlotBytes >= sizeof(void*) && kSlotBytes % 16 == 0,
                "FramePool: slots hold a pointer and keep 16-byte alignment");

 public:
  /// A pool whose slots are all free. No liburing equivalent. Any kernel.
  FramePool() noexcept : FrameStorage(*this) {
    for (size_t i = 0; i < kSlots; ++i) push(&slots_[i * kSlotBytes]);
  }

  /// A free slot when `bytes` fits in one, else nullptr. No liburing
  /// equivalent. Any kernel.
  [[nodiscard]] void* allocate(size_t bytes) noexcept {
    if (bytes > kSlotBytes || free_ == nullptr) return nullptr;
    Free* slot = free_;
    free_ = slot->next;
    ++used_;
    return slot;
  }

  /// Returns a slot to the pool. No liburing equivalent. Any kernel.
  void deallocate(void* p, size_t) noexcept {
    push(static_cast<unsigned char*>(p));
    --used_;
  }

  /// Slots in use. No liburing equivalent. Any kernel.
  [[nodiscard]] size_t used() const noexcept { return used_; }

  /// The size of each slot. No liburing equivalent. Any kernel.
  static constexpr size_t slot_bytes = kSlotBytes;

 private:
  struct Free {
    Free* next;
  };
  void push(unsigned char* p) noexcept {
    Free* slot = reinterpret_cast<Free*>(p);
    slot->next = free_;
    free_ = slot;
  }

  alignas(16) unsigned char slots_[kSlotBytes * kSlots];
  Free* free_ = nullptr;
  size_t used_ = 0;
};

}  // namespace fring::co

#endif  // FRING_CO_STORAGE_H
