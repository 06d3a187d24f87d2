/*
 * commands.h — the `dyad` subcommands.  Each takes the arguments after
 * its name (argv[0] is the command name) and returns the exit status of
 * the contract: 0 success, 1 some record failed, 2 usage error.
 */
#ifndef DYAD_CLI_COMMANDS_H
#define DYAD_CLI_COMMANDS_H

int command_segment(int argc, char **argv);
int command_parse(int argc, char **argv);
int command_eval(int argc, char **argv);
/* `dyad eval extract`, dispatched from command_eval */
int command_eval_extract(int argc, char **argv);
int command_actors(int argc, char **argv);
int command_eval_actors(int argc, char **argv); /* `dyad eval actors`, from command_eval */
int command_code(int argc, char **argv);
int command_bench(int argc, char **argv);
int command_validate(int argc, char **argv);
int command_extract(int argc, char **argv);
int command_eval_extraction(int argc, char **argv);   /* dyad eval extraction */
int command_eval_events(int argc, char **argv);       /* dyad eval events */
int command_train(int argc, char **argv);
/* `dyad train segmenter`, from command_train */
int command_train_segmenter(int argc, char **argv);
/* `dyad train clusters`: word classes from unlabelled text */
int command_train_clusters(int argc, char **argv);
/* `dyad eval clusters`: how well the word classes predict parts of speech */
int command_eval_clusters(int argc, char **argv);
/* `dyad eval tag` (after `eval`): tagger and lemmatizer accuracy */
int command_eval_tag(int argc, char **argv);
/* `dyad eval parse`: tagging and parsing accuracy, and speed */
int command_eval_parse(int argc, char **argv);

#endif
