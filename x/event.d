x/event.o: src/event.c src/event.h src/clock.h src/db.h src/util.h \
  src/hash.h

src/event.h:

src/clock.h:

src/db.h:

src/util.h:

src/hash.h:
