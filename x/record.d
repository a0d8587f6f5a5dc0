x/record.o: src/record.c src/record.h src/db.h src/util.h src/clock.h \
  src/event.h src/hash.h

src/record.h:

src/db.h:

src/util.h:

src/clock.h:

src/event.h:

src/hash.h:
