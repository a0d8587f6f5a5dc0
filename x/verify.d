x/verify.o: src/verify.c src/verify.h src/db.h src/util.h src/hash.h \
  src/event.h src/clock.h src/record.h

src/verify.h:

src/db.h:

src/util.h:

src/hash.h:

src/event.h:

src/clock.h:

src/record.h:
