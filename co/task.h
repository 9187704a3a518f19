// SPDX-License-Identifier: MIT
// co::Task<T>: a lazily started coroutine whose frame comes from the
// FrameStorage& it takes first. Awaiting a task (or co::run()) starts it and
// gives its outcome as a Result: Task<int> and Task<Result<int>> both resume
// their awaiter with a Result<int>, Task<void> and Task<Result<void>> with a
// Result<void>. A task whose frame did not fit in its storage exists all the
// same, holding Errno::enomem. FRING_CO_TRY and FRING_CO_TRY_ASSIGN propagate
// errors with co_return, as FRING_TRY does with return.
#ifndef FRING_CO_TASK_H
#define FRING_CO_TASK_H

#include <stddef.h>
#include <coroutine>

#include "fring/co/frame.h"
#include "fring/co/storage.h"
#include "fring/core/result.h"

namespace fring::co {

template <class T>
class Task;

namespace detail {

// The value type of a task: T for Task<T> and Task<Result<T>>.
template <class T>
struct Unwrap {
  using type = T;
};
template <class T>
struct Unwrap<Result<T>> {
  using type = T;
};

// Room for the Result a task returns: Result has no empty state, and the
// promise exists before the task has returned.
template <class V>
class Slot {
 public:
  Slot() noexcept {}
  ~Slot() {
    if (set_) value_.~Result<V>();
  }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

  void put(Result<V>&& r) noexcept {
    new (&value_, fring::detail::PlaceTag{}) Result<V>(fring::detail::move(r));
    set_ = true;
  }
  Result<V> take() noexcept { return fring::detail::move(value_); }

 private:
  union {
    Result<V> value_;
  };
  bool set_ = false;
};

// co_return: a value or a Result for Task<T> and Task<Result<T>>; nothing
// for Task<void>; a Result<void> (`co_return {};`) for Task<Result<void>>.
template <class T>
struct Returns {
  Slot<T> slot;
  void return_value(Result<T> r) noexcept { slot.put(fring::detail::move(r)); }
};
template <class T>
struct Returns<Result<T>> : Returns<T> {};
template <>
struct Returns<void> {
  Slot<void> slot;
  void return_void() noexcept { slot.put(Result<void>{}); }
};
template <>
struct Returns<Result<void>> {
  Slot<void> slot;
  void return_value(Result<void> r) noexcept { slot.put(fring::detail::move(r)); }
};

// Frame memory: a 16-byte header holding the storage, then the frame.
inline constexpr size_t kHeader = 16;

inline void* allocate_frame(FrameStorage& storage, size_t bytes) noexcept {
  auto* p = static_cast<unsigned char*>(storage.allocate(bytes + kHeader));
  if (p == nullptr) return nullptr;
  *reinterpret_cast<FrameStorage**>(p) = &storage;
  return p + kHeader;
}

inline void free_frame(void* frame, size_t bytes) noexcept {
  unsigned char* p = static_cast<unsigned char*>(frame) - kHeader;
  (*reinterpret_cast<FrameStorage**>(p))->deallocate(p, bytes + kHeader);
}

template <class T>
struct Promise : FrameBase, Returns<T> {
  // The storage is the coroutine's first parameter, or its second after the
  // object of a member function or lambda. Inlined, so that gcc does not
  // take the sized delete below for a mismatch (-Wmismatched-new-delete).
  template <class... A>
  [[gnu::always_inline]] static void* operator new(size_t bytes, FrameStorage& storage,
                                                   A&...) noexcept {
    return allocate_frame(storage, bytes);
  }
  template <class O, class... A>
  [[gnu::always_inline]] static void* operator new(size_t bytes, O&, FrameStorage& storage,
                                                   A&...) noexcept {
    return allocate_frame(storage, bytes);
  }
  // A co::Task coroutine without a FrameStorage& parameter does not compile.
  static void* operator new(size_t) noexcept = delete;
  static void operator delete(void* frame, size_t bytes) noexcept { free_frame(frame, bytes); }
  template <class... A>
  explicit Promise(FrameStorage& s, A&...) noexcept {
    storage = &s;
  }
  template <class O, class... A>
  Promise(O&, FrameStorage& s, A&...) noexcept {
    storage = &s;
  }

  Task<T> get_return_object() noexcept;
  static Task<T> get_return_object_on_allocation_failure() noexcept { return Task<T>(); }

  std::suspend_always initial_suspend() noexcept { return {}; }

  // A spawned task's frame goes as it returns (final_suspend() does not
  // suspend, so the compiler's code frees it), unless cancels of its are
  // still in flight; an awaited task resumes its awaiter. No call here: a
  // coroutine whose body makes none needs no registers saved on entry.
  struct Final {
    FrameBase& p;
    bool await_ready() noexcept { return p.detached && p.cancels == 0; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept {
      if (p.detached) {
        // Freed when the CQEs of its cancels are in.
        p.wake = nullptr;
        p.storage->add_draining();
        return std::noop_coroutine();
      }
      if (p.continuation) return p.continuation;
      return std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  Final final_suspend() noexcept { return {*this}; }

  [[noreturn]] void unhandled_exception() noexcept { __builtin_trap(); }
};

}  // namespace detail

/// A coroutine returning `Task<T>` takes a `FrameStorage&` first (after the
/// object, for a member function or lambda); its frame comes from there. It
/// starts when awaited, spawned (co::spawn) or run (co::run), and resumes its
/// awaiter with a `Result<V>`, V being T without Result. Destroying a task
/// that is suspended cancels its requests in flight (and those of the tasks
/// it awaits) and frees its frame after their last CQE. No liburing
/// equivalent. Any kernel.
template <class T>
class [[nodiscard]] Task {
 public:
  using promise_type = detail::Promise<T>;
  /// What awaiting the task gives, as Result<Value>.
  using Value = typename detail::Unwrap<T>::type;

  /// A task without a frame: its error() is Errno::enomem. No liburing
  /// equivalent. Any kernel.
  Task() noexcept = default;
  Task(Task&& other) noexcept : frame_(other.frame_) { other.frame_ = nullptr; }
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      reset();
      frame_ = other.frame_;
      other.frame_ = nullptr;
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { reset(); }

  /// True when the task has a frame (its storage had room). No liburing
  /// equivalent. Any kernel.
  [[nodiscard]] bool ok() const noexcept { return frame_ != nullptr; }
  /// ok(). No liburing equivalent. Any kernel.
  explicit operator bool() const noexcept { return ok(); }

  /// Why the task has no frame: Errno::enomem (its storage was full, or the
  /// frame is larger than a slot). Errors: enomem. No liburing equivalent.
  /// Any kernel.
  [[nodiscard]] Errno error() const noexcept { return Errno::enomem; }

  /// True once the coroutine has returned. No liburing equivalent.
  /// Any kernel.
  [[nodiscard]] bool done() const noexcept { return frame_ != nullptr && frame_->self.done(); }

  /// The outcome of a task that is done(), taken out of it (once), or the
  /// error of one without a frame. Errors: enomem for a task without a
  /// frame, and what the coroutine returned. No liburing equivalent.
  /// Any kernel.
  Result<Value> result() noexcept {
    if (frame_ == nullptr) return Errno::enomem;
    return promise().slot.take();
  }

  /// Destroys the task now (see the class comment). No liburing
  /// equivalent. Any kernel.
  void reset() noexcept {
    if (frame_ != nullptr) detail::release(*frame_);
    frame_ = nullptr;
  }

  /// Resumes `parent` with result() once the task has returned.
  struct Awaiter {
    Task& task;
    detail::FrameBase* parent;
    bool await_ready() noexcept { return task.frame_ == nullptr || task.frame_->self.done(); }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      detail::FrameBase& child = *task.frame_;
      parent = &h.promise();
      child.continuation = h;
      child.parent = parent;
      parent->child = &child;
      parent->child_owner = &task.frame_;
      child.started = true;
      return child.self;
    }
    Result<Value> await_resume() noexcept {
      if (parent != nullptr) {
        parent->child = nullptr;
        if (task.frame_ != nullptr) task.frame_->parent = nullptr;
      }
      return task.result();
    }
  };
  Awaiter operator co_await() & noexcept { return Awaiter{*this, nullptr}; }
  Awaiter operator co_await() && noexcept { return Awaiter{*this, nullptr}; }

  /// The frame's bookkeeping (null without a frame), for co::run(),
  /// co::spawn() and co::cancel(). No liburing equivalent. Any kernel.
  [[nodiscard]] detail::FrameBase* frame() const noexcept { return frame_; }

  /// Gives up the frame without destroying it (co::spawn()). No liburing
  /// equivalent. Any kernel.
  detail::FrameBase* release() noexcept {
    detail::FrameBase* f = frame_;
    frame_ = nullptr;
    return f;
  }

 private:
  friend promise_type;
  explicit Task(detail::FrameBase* frame) noexcept : frame_(frame) {}
  promise_type& promise() noexcept { return *static_cast<promise_type*>(frame_); }

  detail::FrameBase* frame_ = nullptr;
};

template <class T>
Task<T> detail::Promise<T>::get_return_object() noexcept {
  self = std::coroutine_handle<Promise>::from_promise(*this);
  wake = self;
  return Task<T>(this);
}

}  // namespace fring::co

/// In a co::Task coroutine: evaluates `expr` (a Result, co_await of an
/// operation included) and co_returns its error, if any.
#define FRING_CO_TRY(expr)                    \
  do {                                        \
    auto&& fring_co_try_result_ = (expr);     \
    if (!fring_co_try_result_.ok()) {         \
      co_return fring_co_try_result_.error(); \
    }                                         \
  } while (0)

/// In a co::Task coroutine: evaluates `expr` (a Result) and assigns its
/// value to `lhs` (`int n` declares n), or co_returns its error.
#define FRING_CO_TRY_ASSIGN(lhs, expr) \
  FRING_CO_TRY_ASSIGN_IMPL_(FRING_CONCAT_(fring_co_try_, __LINE__), lhs, expr)
#define FRING_CO_TRY_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) co_return tmp.error();           \
  lhs = ::fring::detail::move(tmp).value()

#endif  // FRING_CO_TASK_H
