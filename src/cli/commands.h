/*
 * commands.h — the `dyad` subcommands.  Each takes the arguments after
 * its name (argv[0] is the command name) and returns the exit status of
 * the contract: 0 success, 1 some record failed, 2 usage error.
 */
#ifndef DYAD_CLI_COMMANDS_H
#define DYAD_CLI_COMMANDS_H

int command_segment(int argc, char **argv);
int command_eval(int argc, char **argv);
int command_train(int argc, char **argv);

#endif
