module.exports = async () => {
  await globalThis.__kessaiTestPostgres?.stop();
};
