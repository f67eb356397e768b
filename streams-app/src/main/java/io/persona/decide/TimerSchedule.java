package io.persona.decide;

/** Where timers are set and cancelled: the timer store ({@link DueTimers}), or a list in a test. */
interface TimerSchedule {
  void schedule(Timer timer);

  void cancel(Timer timer);
}
