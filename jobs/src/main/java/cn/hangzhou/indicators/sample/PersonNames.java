package cn.hangzhou.indicators.sample;

/** Synthetic Chinese names from common surnames and given-name characters (all encodable in GBK). */
final class PersonNames {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉力晨宇浩然欣怡梓涵子轩一诺雨萱思远嘉豪佳琪俊杰志强海燕晓东春梅玉兰金凤永红建华丽君家乐天佑博文婷婷雪梅宏伟振华";

    private PersonNames() {
    }

    static String name(long draw) {
        long bits = RandomStreams.mix(draw);
        StringBuilder name = new StringBuilder(3);
        name.append(SURNAMES.charAt((int) Long.remainderUnsigned(bits, SURNAMES.length())));
        name.append(GIVEN.charAt((int) Long.remainderUnsigned(bits >>> 16, GIVEN.length())));
        if (((bits >>> 40) & 3) != 0) {
            name.append(GIVEN.charAt((int) Long.remainderUnsigned(bits >>> 24, GIVEN.length())));
        }
        return name.toString();
    }
}
