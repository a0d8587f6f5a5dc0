x/cmd_db.o: src/cmd_db.c src/cli.h src/db.h src/util.h src/verify.h \
  src/hash.h

src/cli.h:

src/db.h:

src/util.h:

src/verify.h:

src/hash.h:
