// Le jour de la certification: join the session, wait for the examiner, the access code, the
// test question after question, the end screen.
import { declareOperations } from "../shared/api.js";
import { startApp } from "../shared/shell.js";
import operations from "./operations.json" with { type: "json" };
import { JoinPage, SeatPage } from "./join.js";
import { TestPage } from "./test.js";

declareOperations(operations);

startApp({
  app: "Pix Certification",
  home: "/certification",
  signUp: false,
  routes: [
    ["/certification", JoinPage],
    ["/certification/:sessionId", SeatPage],
    ["/test/:courseId", TestPage],
  ],
});
